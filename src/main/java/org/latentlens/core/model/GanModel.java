package org.latentlens.core.model;

/**
 * A loaded interpretable GAN: semantic encoder, generator and discriminator behind the bundle contract.
 *
 * <p>Implementations are safe to call from several worker threads at once. They own native memory:
 * close them when done.
 */
public interface GanModel extends AutoCloseable {

  /** What the bundle's manifest says. */
  ModelManifest manifest();

  /** Renders one image per latent code (rows of {@code z} follow the latent layout). */
  ImageBatch generate(FloatMatrix z);

  /** Reads latent codes and attribute logits from images of the manifest's size and range. */
  Encoding encode(ImageBatch images);

  /** Scores images for realism and reads the discriminator's attribute head. */
  Discrimination discriminate(ImageBatch images);

  /** Whether the optional {@code saliency} signature is present. */
  boolean hasSaliency();

  /**
   * The gradient magnitude of the realism score per pixel.
   *
   * @throws UnsupportedOperationException if {@link #hasSaliency()} is false
   */
  SaliencyMaps saliency(ImageBatch images);

  /** Frees the native session. */
  @Override
  void close();
}
