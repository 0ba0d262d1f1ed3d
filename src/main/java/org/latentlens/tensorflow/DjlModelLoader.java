package org.latentlens.tensorflow;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.tensorflow.engine.TfSymbolBlock;
import ai.djl.translate.NoopTranslator;
import ai.djl.util.PairList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.LoadOptions;
import org.latentlens.core.model.ManifestJson;
import org.latentlens.core.model.ModelBundleException;
import org.latentlens.core.model.ModelLoader;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.OperationReport;
import org.latentlens.core.model.SignatureNames;

/**
 * Loads bundles with DJL's TensorFlow engine and checks them against their manifest. Unless trusted, a bundle
 * whose graph does more than compute is refused before TensorFlow sees it ({@link SavedModelScan}).
 */
public final class DjlModelLoader implements ModelLoader {
  /** Sub-folder of a bundle that holds the SavedModel. */
  public static final String SAVED_MODEL_DIR = "saved_model";

  @Override
  public GanModel load(Path bundleDir) throws ModelBundleException {
    return load(bundleDir, LoadOptions.UNTRUSTED);
  }

  @Override
  public Optional<OperationReport> scanOperations(Path bundleDir) throws ModelBundleException {
    return Optional.of(SavedModelScan.scan(bundleDir.resolve(SAVED_MODEL_DIR)));
  }

  @Override
  public GanModel load(Path bundleDir, LoadOptions options) throws ModelBundleException {
    if (!Files.isDirectory(bundleDir)) {
      throw new ModelBundleException("There is no model folder at " + bundleDir + ". Choose a folder that holds "
          + ManifestJson.FILE_NAME + " and " + SAVED_MODEL_DIR + "/.");
    }
    ModelManifest manifest = ManifestJson.read(bundleDir);
    Path savedModel = bundleDir.resolve(SAVED_MODEL_DIR);
    if (!Files.isRegularFile(savedModel.resolve("saved_model.pb"))) {
      throw new ModelBundleException(bundleDir + " has a manifest but no " + SAVED_MODEL_DIR
          + "/saved_model.pb. Copy the whole bundle folder, or re-export the model.");
    }
    // Loading alone runs the graph's init and restore ops, so what the graph may do is checked first.
    SavedModelScan.requireAllowed(savedModel, manifest.name(), options);
    TensorFlowRuntime.ensureStarted();
    ZooModel<NDList, NDList> zoo = loadSavedModel(savedModel);
    try {
      return open(zoo, manifest, bundleDir);
    } catch (ModelBundleException | RuntimeException e) {
      zoo.close();
      throw e;
    }
  }

  private static ZooModel<NDList, NDList> loadSavedModel(Path savedModel) throws ModelBundleException {
    Criteria<NDList, NDList> criteria = Criteria.builder()
        .setTypes(NDList.class, NDList.class)
        .optModelPath(savedModel)
        .optEngine("TensorFlow")
        .optOption("SignatureDefKey", SignatureNames.GENERATE)
        .optTranslator(new NoopTranslator())
        .build();
    try {
      return criteria.loadModel();
    } catch (Exception | UnsatisfiedLinkError e) {
      throw new ModelBundleException("TensorFlow could not load the SavedModel in " + savedModel + ": "
          + e.getMessage() + ". The files may be damaged or written by an incompatible TensorFlow; re-export it.", e);
    }
  }

  private static GanModel open(ZooModel<NDList, NDList> zoo, ModelManifest manifest, Path bundleDir)
      throws ModelBundleException {
    TfSymbolBlock primary = (TfSymbolBlock) zoo.getBlock();
    var bundle = primary.getSavedModelBundle();
    Set<String> present = bundle.getMetaGraphDef().getSignatureDefMap().keySet();
    List<String> missing = new ArrayList<>();
    for (String required : SignatureNames.REQUIRED) {
      if (!present.contains(required)) {
        missing.add(required);
      }
    }
    if (!missing.isEmpty()) {
      throw new ModelBundleException("Model '" + manifest.name() + "' has no " + quoted(missing)
          + " signature" + (missing.size() > 1 ? "s" : "") + " (it has " + quoted(present) + "). Re-export it with "
          + "Latent Lens, or add the signatures described in docs/model-format.md.");
    }
    for (String declared : manifest.signatures()) {
      if (!present.contains(declared)) {
        throw new ModelBundleException("manifest.json of '" + manifest.name() + "' lists signature '" + declared
            + "' but the SavedModel lacks it. Fix the manifest's \"signatures\" list or re-export the model.");
      }
    }
    TfSymbolBlock encode = new TfSymbolBlock(bundle, SignatureNames.ENCODE);
    TfSymbolBlock discriminate = new TfSymbolBlock(bundle, SignatureNames.DISCRIMINATE);
    TfSymbolBlock saliency = present.contains(SignatureNames.SALIENCY)
        ? new TfSymbolBlock(bundle, SignatureNames.SALIENCY) : null;

    var spec = manifest.image();
    long[] imageShape = {-1, spec.height(), spec.width(), spec.channels()};
    int latent = manifest.latent().size();
    int attributes = manifest.attributes().size();
    ShapeCheck check = new ShapeCheck(manifest.name(), bundleDir);
    check.expect(SignatureNames.GENERATE, "input", primary.describeInput(), SignatureNames.Z, -1, latent);
    check.expect(SignatureNames.GENERATE, "output", primary.describeOutput(), SignatureNames.IMAGE, imageShape);
    check.expect(SignatureNames.ENCODE, "input", encode.describeInput(), SignatureNames.IMAGE, imageShape);
    check.expect(SignatureNames.ENCODE, "output", encode.describeOutput(), SignatureNames.LATENT, -1, latent);
    check.expect(SignatureNames.ENCODE, "output", encode.describeOutput(), SignatureNames.ATTRIBUTES, -1, attributes);
    check.expect(SignatureNames.DISCRIMINATE, "input", discriminate.describeInput(), SignatureNames.IMAGE, imageShape);
    check.expect(SignatureNames.DISCRIMINATE, "output", discriminate.describeOutput(), SignatureNames.REALISM, -1);
    check.expect(SignatureNames.DISCRIMINATE, "output", discriminate.describeOutput(), SignatureNames.ATTRIBUTES,
        -1, attributes);
    if (saliency != null) {
      check.expect(SignatureNames.SALIENCY, "input", saliency.describeInput(), SignatureNames.IMAGE, imageShape);
      check.expect(SignatureNames.SALIENCY, "output", saliency.describeOutput(), SignatureNames.SALIENCY_MAP,
          -1, spec.height(), spec.width());
    }
    return new DjlGanModel(zoo, manifest, primary, encode, discriminate, saliency);
  }

  private static String quoted(Iterable<String> names) {
    List<String> q = new ArrayList<>();
    names.forEach(n -> q.add("'" + n + "'"));
    return String.join(", ", q);
  }

  /** Compares a signature's declared tensor shapes with what the manifest promises. */
  private record ShapeCheck(String model, Path dir) {
    void expect(String signature, String side, PairList<String, Shape> described, String tensor, long... expected)
        throws ModelBundleException {
      Shape actual = described.get(tensor);
      if (actual == null) {
        throw new ModelBundleException("Signature '" + signature + "' of model '" + model + "' has no " + side
            + " named '" + tensor + "' (it has " + described.keys() + "). See docs/model-format.md for the names.");
      }
      long[] dims = actual.getShape();
      boolean ok = dims.length == expected.length;
      for (int i = 0; ok && i < dims.length; i++) {
        // -1 on either side means "any size" (the batch dimension, or a dynamic export).
        ok = dims[i] < 0 || expected[i] < 0 || dims[i] == expected[i];
      }
      if (!ok) {
        throw new ModelBundleException("Shape mismatch in model '" + model + "': signature '" + signature + "' "
            + side + " '" + tensor + "' is " + actual + " but manifest.json implies " + new Shape(expected)
            + " (-1 = any). Fix the manifest's image size, latent layout or attributes to match the SavedModel.");
      }
    }
  }
}
