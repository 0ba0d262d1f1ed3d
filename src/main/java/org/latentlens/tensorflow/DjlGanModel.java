package org.latentlens.tensorflow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.tensorflow.engine.TfSymbolBlock;
import ai.djl.training.ParameterStore;
import java.util.function.Function;
import org.latentlens.core.model.Discrimination;
import org.latentlens.core.model.Encoding;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.InferenceException;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.SaliencyMaps;
import org.latentlens.core.model.SignatureNames;

/**
 * A bundle loaded through DJL's TensorFlow engine. One SavedModel session serves all signatures;
 * TensorFlow sessions are thread-safe, and every call works in its own NDManager scope, so calls
 * from several threads are fine.
 */
final class DjlGanModel implements GanModel {
  private final ZooModel<NDList, NDList> model;
  private final ModelManifest manifest;
  private final TfSymbolBlock generate;
  private final TfSymbolBlock encode;
  private final TfSymbolBlock discriminate;
  private final TfSymbolBlock saliency;

  DjlGanModel(ZooModel<NDList, NDList> model, ModelManifest manifest, TfSymbolBlock generate,
      TfSymbolBlock encode, TfSymbolBlock discriminate, TfSymbolBlock saliency) {
    this.model = model;
    this.manifest = manifest;
    this.generate = generate;
    this.encode = encode;
    this.discriminate = discriminate;
    this.saliency = saliency;
  }

  @Override
  public ModelManifest manifest() {
    return manifest;
  }

  @Override
  public ImageBatch generate(FloatMatrix z) {
    if (z.cols() != manifest.latent().size()) {
      throw new IllegalArgumentException("latent codes have " + z.cols() + " values; the model takes "
          + manifest.latent().size());
    }
    return run(SignatureNames.GENERATE, generate, m -> {
      NDArray in = m.create(z.data(), new Shape(z.rows(), z.cols()));
      in.setName(SignatureNames.Z);
      return in;
    }, out -> toImages(out.get(SignatureNames.IMAGE)));
  }

  @Override
  public Encoding encode(ImageBatch images) {
    return run(SignatureNames.ENCODE, encode, m -> imageInput(m, images),
        out -> new Encoding(toMatrix(out.get(SignatureNames.LATENT)), toMatrix(out.get(SignatureNames.ATTRIBUTES))));
  }

  @Override
  public Discrimination discriminate(ImageBatch images) {
    return run(SignatureNames.DISCRIMINATE, discriminate, m -> imageInput(m, images),
        out -> new Discrimination(out.get(SignatureNames.REALISM).toFloatArray(),
            toMatrix(out.get(SignatureNames.ATTRIBUTES))));
  }

  @Override
  public boolean hasSaliency() {
    return saliency != null;
  }

  @Override
  public SaliencyMaps saliency(ImageBatch images) {
    if (saliency == null) {
      throw new UnsupportedOperationException("model '" + manifest.name() + "' has no saliency signature");
    }
    return run(SignatureNames.SALIENCY, saliency, m -> imageInput(m, images), out -> {
      NDArray map = out.get(SignatureNames.SALIENCY_MAP);
      long[] s = map.getShape().getShape();
      return new SaliencyMaps((int) s[0], (int) s[1], (int) s[2], map.toFloatArray());
    });
  }

  private NDArray imageInput(NDManager m, ImageBatch images) {
    var spec = manifest.image();
    if (images.height() != spec.height() || images.width() != spec.width() || images.channels() != spec.channels()) {
      throw new IllegalArgumentException("images are " + images.width() + "x" + images.height() + "x"
          + images.channels() + "; the model takes " + spec.width() + "x" + spec.height() + "x" + spec.channels());
    }
    NDArray in = m.create(images.data(), new Shape(images.count(), images.height(), images.width(), images.channels()));
    in.setName(SignatureNames.IMAGE);
    return in;
  }

  private <T> T run(String signature, TfSymbolBlock block, Function<NDManager, NDArray> input,
      Function<NDList, T> output) {
    try (NDManager m = model.getNDManager().newSubManager()) {
      NDList result = block.forward(new ParameterStore(m, false), new NDList(input.apply(m)), false);
      return output.apply(result);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InferenceException("model '" + manifest.name() + "' failed in '" + signature + "': " + e.getMessage(), e);
    }
  }

  private static ImageBatch toImages(NDArray a) {
    long[] s = a.getShape().getShape();
    return new ImageBatch((int) s[0], (int) s[1], (int) s[2], (int) s[3], a.toFloatArray());
  }

  private static FloatMatrix toMatrix(NDArray a) {
    long[] s = a.getShape().getShape();
    int cols = s.length > 1 ? (int) s[1] : 1;
    return new FloatMatrix((int) s[0], cols, a.toFloatArray());
  }

  @Override
  public void close() {
    // The extra blocks share the primary block's SavedModel; closing the model frees it once.
    model.close();
  }
}
