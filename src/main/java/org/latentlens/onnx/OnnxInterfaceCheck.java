package org.latentlens.onnx;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.latentlens.core.model.ImageLayout;
import org.latentlens.core.model.ModelBundleException;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.ModelRole;
import org.latentlens.core.model.SignatureNames;

/**
 * Compares each ONNX graph's inputs and outputs with what the manifest promises, before ONNX Runtime loads it:
 * the tensor names (through the manifest's {@code roles}), float32, and the shapes, with {@code -1} (a named or
 * unnamed dynamic axis) matching any size; the batch axis must be dynamic. A graph that gives no shape for a tensor
 * is not held to one; the self-check after loading still runs it.
 */
final class OnnxInterfaceCheck {
  private final ModelManifest manifest;

  OnnxInterfaceCheck(ModelManifest manifest) {
    this.manifest = manifest;
  }

  void check(Map<ModelRole, OnnxGraph> graphs) throws ModelBundleException {
    long[] image = manifest.layout().batchShape(manifest.image());
    long latent = manifest.latent().size();
    long attributes = manifest.attributes().size();
    for (var e : graphs.entrySet()) {
      ModelRole role = e.getKey();
      OnnxGraph g = e.getValue();
      switch (role) {
        case GENERATE -> {
          input(role, g, SignatureNames.Z, -1, latent);
          output(role, g, SignatureNames.IMAGE, image);
        }
        case ENCODE -> {
          input(role, g, SignatureNames.IMAGE, image);
          output(role, g, SignatureNames.LATENT, -1, latent);
          optionalAttributes(role, g, attributes);
        }
        case DISCRIMINATE -> {
          input(role, g, SignatureNames.IMAGE, image);
          OnnxGraph.Value realism = find(g.outputs(), role, SignatureNames.REALISM);
          boolean column = realism != null && realism.dims() != null && realism.dims().length == 2;
          output(role, g, SignatureNames.REALISM, column ? new long[] {-1, 1} : new long[] {-1});
          optionalAttributes(role, g, attributes);
        }
        case SALIENCY -> {
          input(role, g, SignatureNames.IMAGE, image);
          output(role, g, SignatureNames.SALIENCY_MAP, -1, manifest.image().height(), manifest.image().width());
        }
      }
    }
  }

  private void input(ModelRole role, OnnxGraph g, String ours, long... expected) throws ModelBundleException {
    String file = OnnxModelLoader.fileFor(role);
    if (g.inputs().size() != 1) {
      throw new ModelBundleException(file + " of model '" + manifest.name() + "' takes " + g.inputs().size()
          + " inputs " + names(g.inputs()) + "; Latent Lens feeds " + role.key() + " one, '" + ours + "'. Export a "
          + "module whose forward() takes only that tensor (keep other arguments fixed inside it).");
    }
    expect(role, g.inputs(), "input", ours, expected);
  }

  private void output(ModelRole role, OnnxGraph g, String ours, long... expected) throws ModelBundleException {
    expect(role, g.outputs(), "output", ours, expected);
  }

  /** Attribute heads may be left out by models that have no attributes. */
  private void optionalAttributes(ModelRole role, OnnxGraph g, long attributes) throws ModelBundleException {
    if (attributes == 0 && find(g.outputs(), role, SignatureNames.ATTRIBUTES) == null) {
      return;
    }
    output(role, g, SignatureNames.ATTRIBUTES, -1, attributes);
  }

  private OnnxGraph.Value find(List<OnnxGraph.Value> values, ModelRole role, String ours) {
    return OnnxGraph.find(values, manifest.binding(role).tensor(ours));
  }

  private void expect(ModelRole role, List<OnnxGraph.Value> values, String side, String ours, long[] expected)
      throws ModelBundleException {
    String file = OnnxModelLoader.fileFor(role);
    String theirs = manifest.binding(role).tensor(ours);
    OnnxGraph.Value v = OnnxGraph.find(values, theirs);
    if (v == null) {
      String example = values.isEmpty() ? "NAME" : values.get(0).name();
      throw new ModelBundleException(file + " (" + role.key() + ") of model '" + manifest.name() + "' has no " + side
          + " named '" + theirs + "' (it has " + names(values) + "). Name it in manifest.json: \"roles\": {\""
          + role.key() + "\": {\"" + side + "s\": {\"" + ours + "\": \"" + example + "\"}}}, or export with "
          + "torch.onnx.export(..., " + side + "_names=[...]); see docs/model-format.md.");
    }
    if (v.elementType() != 0 && v.elementType() != OnnxGraph.FLOAT) {
      throw new ModelBundleException(file + " (" + role.key() + ") of model '" + manifest.name() + "': " + side + " '"
          + theirs + "' holds " + typeName(v.elementType()) + ", but Latent Lens exchanges float32 tensors. Export "
          + "the model in float32 (in PyTorch: model.float() before torch.onnx.export).");
    }
    if (v.dims() != null && v.dims().length == expected.length && v.dims().length > 0 && v.dims()[0] >= 0) {
      throw new ModelBundleException(file + " (" + role.key() + ") of model '" + manifest.name() + "': " + side + " '"
          + theirs + "' is " + v.shapeText() + ", a fixed batch of " + v.dims()[0] + ", but Latent Lens runs one "
          + "image at a time and dozens at once. Export with a dynamic batch axis: torch.onnx.export(..., "
          + "dynamic_axes={\"" + theirs + "\": {0: \"n\"}, ...}) for every input and output.");
    }
    if (v.dims() != null && !compatible(v.dims(), expected)) {
      throw new ModelBundleException("Shape mismatch in model '" + manifest.name() + "': " + file + " (" + role.key()
          + ") " + side + " '" + theirs + "' is " + v.shapeText() + " but manifest.json implies "
          + Arrays.toString(expected) + " (-1 = any). Fix the manifest's image size, latent layout or attributes to "
          + "match the model." + layoutHint(ours, v.dims()));
    }
  }

  private static boolean compatible(long[] dims, long[] expected) {
    if (dims.length != expected.length) {
      return false;
    }
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] >= 0 && expected[i] >= 0 && dims[i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  /** An image tensor that fits the other layout: say which one to declare. */
  private String layoutHint(String ours, long[] dims) {
    if (!ours.equals(SignatureNames.IMAGE) || dims.length != 4) {
      return "";
    }
    ImageLayout other = manifest.layout() == ImageLayout.NHWC ? ImageLayout.NCHW : ImageLayout.NHWC;
    if (compatible(dims, other.batchShape(manifest.image()))) {
      return " It looks " + (other == ImageLayout.NCHW ? "channels-first (PyTorch's habit)" : "channels-last")
          + ": set \"image\": {\"layout\": \"" + other + "\"} in manifest.json and Latent Lens transposes for you.";
    }
    return "";
  }

  private static String names(List<OnnxGraph.Value> values) {
    return values.stream().map(v -> "'" + v.name() + "' " + v.shapeText()).toList().toString();
  }

  private static String typeName(int type) {
    return switch (type) {
      case 2 -> "uint8";
      case 3 -> "int8";
      case 6 -> "int32";
      case 7 -> "int64";
      case 9 -> "bool";
      case 10 -> "float16";
      case 11 -> "float64";
      case 16 -> "bfloat16";
      default -> "element type " + type;
    };
  }
}
