package org.latentlens.ui.encode;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import org.latentlens.core.data.ImageFiles;
import org.latentlens.core.eval.ImageMetrics;
import org.latentlens.core.image.ImageConversion;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.ui.common.UiExecutor;
import org.latentlens.core.model.ModelRole;
import org.latentlens.ui.common.ModelSession;

/**
 * Encodes a picture: it is cropped and resized to the model's size, encoded, and reconstructed; the sliders
 * then jump to the encoded code, so further edits show in the explorer's image (the "edit" pane).
 */
public final class EncodeViewModel {
  private final UiExecutor executor;
  private final ModelSession session;
  private final ReadOnlyObjectWrapper<BufferedImage> original = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<BufferedImage> reconstruction = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper metrics = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper canInterpolate = new ReadOnlyBooleanWrapper(false);
  private final DoubleProperty mix = new SimpleDoubleProperty(1);
  private float[] previous;
  private float[] latest;

  /** Encoded images are computed with {@code executor} by {@code session}'s model, whose code they then set. */
  public EncodeViewModel(UiExecutor executor, ModelSession session) {
    this.executor = executor;
    this.session = session;
    session.modelProperty().addListener((obs, was, now) -> clear());
    mix.addListener((obs, was, now) -> {
      if (canInterpolate.get()) {
        session.setCode(lerp(previous, latest, now.floatValue()));
      }
    });
  }

  /** The model to encode with, or {@code null} after saying why there is none. */
  private GanModel encoder() {
    GanModel model = session.modelProperty().get();
    if (model == null) {
      error.set("Open a model before encoding images.");
      return null;
    }
    if (!model.supports(ModelRole.ENCODE)) {
      error.set("Model '" + model.manifest().name() + "' has no encoder, so images cannot be encoded into its "
          + "sliders: it can only generate. Models with an encode signature (ours, or an exported encoder) can.");
      return null;
    }
    return model;
  }

  /** Runs {@link #compute} holding a lease, so a model replaced meanwhile is not closed under it. */
  private Result computeLeased(GanModel model, BufferedImage picture) {
    try (var lease = session.lease(model).orElseThrow(
        () -> new IllegalStateException("the model was replaced before the image was encoded"))) {
      return compute(lease.model(), picture);
    }
  }

  private record Result(BufferedImage original, BufferedImage reconstruction, float[] latent, double psnr,
      double ssim) {}

  /** Reads and encodes an image file (drop or file chooser). */
  public void encode(Path file) {
    GanModel model = encoder();
    if (model == null) {
      return;
    }
    started("Encoding " + file.getFileName() + "…");
    executor.run(() -> computeLeased(model, ImageFiles.read(file)), this::apply,
        e -> fail("Cannot encode " + file.getFileName() + ": " + e.getMessage()));
  }

  /** Encodes a picture already in memory (paste). */
  public void encode(BufferedImage picture) {
    GanModel model = encoder();
    if (model == null) {
      return;
    }
    started("Encoding the pasted image…");
    executor.run(() -> computeLeased(model, picture), this::apply,
        e -> fail("Cannot encode the image: " + e.getMessage()));
  }

  private static Result compute(GanModel model, BufferedImage picture) {
    ImageSpec spec = model.manifest().image();
    float[] x = ImageConversion.toModelInput(picture, spec);
    ImageBatch batch = new ImageBatch(1, spec.height(), spec.width(), spec.channels(), x);
    float[] latent = model.encode(batch).latent().row(0);
    float[] rec = model.generate(org.latentlens.core.model.FloatMatrix.ofRow(latent)).image(0);
    return new Result(ImageConversion.toImage(x, spec), ImageConversion.toImage(rec, spec), latent,
        ImageMetrics.psnr(x, rec, spec), ImageMetrics.ssim(x, rec, spec));
  }

  private void started(String what) {
    error.set("");
    status.set(what);
    busy.set(true);
  }

  private void apply(Result r) {
    busy.set(false);
    status.set("");
    error.set("");
    original.set(r.original());
    reconstruction.set(r.reconstruction());
    metrics.set(String.format(Locale.ROOT, "Reconstruction: PSNR %.1f dB, SSIM %.3f", r.psnr(), r.ssim()));
    previous = latest;
    latest = r.latent();
    canInterpolate.set(previous != null);
    mix.set(1);
    session.applyEncoded(r.latent());
  }

  private void fail(String message) {
    busy.set(false);
    status.set("");
    error.set(message);
  }

  private void clear() {
    original.set(null);
    reconstruction.set(null);
    metrics.set("");
    previous = null;
    latest = null;
    canInterpolate.set(false);
  }

  private static float[] lerp(float[] a, float[] b, float t) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] + t * (b[i] - a[i]);
    }
    return out;
  }

  /** The picture as the model sees it (cropped, resized). */
  public ReadOnlyObjectProperty<BufferedImage> originalProperty() {
    return original.getReadOnlyProperty();
  }

  /** G(E(x)). */
  public ReadOnlyObjectProperty<BufferedImage> reconstructionProperty() {
    return reconstruction.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty metricsProperty() {
    return metrics.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /** True while an image is read and encoded. */
  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** What is being encoded ("Encoding face.jpg…") while busy; empty otherwise. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** True once two images have been encoded. */
  public ReadOnlyBooleanProperty canInterpolateProperty() {
    return canInterpolate.getReadOnlyProperty();
  }

  /** The two encoded codes (previous, latest) while {@link #canInterpolateProperty()} is true. */
  public java.util.Optional<float[][]> interpolationEnds() {
    return canInterpolate.get() ? java.util.Optional.of(new float[][] {previous.clone(), latest.clone()})
        : java.util.Optional.empty();
  }

  /** 0 = the previous encoded image's code, 1 = the latest's; moving it moves the sliders. */
  public DoubleProperty mixProperty() {
    return mix;
  }
}
