package org.latentlens.onnx;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.latentlens.core.model.ExpectedTensors;
import org.latentlens.core.model.ModelBundleException;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.ModelRole;

/**
 * Compares each ONNX graph's inputs and outputs with what the manifest promises ({@link ExpectedTensors}), before
 * ONNX Runtime loads it: one input, the tensor names (through the manifest's {@code roles}), float32, and the
 * shapes, with {@code -1} (a named or unnamed dynamic axis) matching any size; the batch axis must be dynamic. A
 * graph that gives no shape for a tensor is not held to one; the self-check after loading still runs it.
 */
final class OnnxInterfaceCheck {
    private final ModelManifest manifest;

    OnnxInterfaceCheck(ModelManifest manifest) {
        this.manifest = manifest;
    }

    void check(Map<ModelRole, OnnxGraph> graphs) throws ModelBundleException {
        for (var e : graphs.entrySet()) {
            ModelRole role = e.getKey();
            OnnxGraph g = e.getValue();
            if (g.inputs().size() != 1) {
                throw new ModelBundleException(
                        OnnxModelLoader.fileFor(role) + " of model '" + manifest.name() + "' takes "
                                + g.inputs().size() + " inputs " + names(g.inputs()) + "; Latent Lens feeds "
                                + role.key() + " one, '"
                                + role.inputs().get(0)
                                + "'. Export a module whose forward() takes only that tensor (keep other "
                                + "arguments fixed inside it).");
            }
            for (ExpectedTensors.Tensor t : ExpectedTensors.of(manifest, role)) {
                expect(g, t);
            }
        }
    }

    private void expect(OnnxGraph g, ExpectedTensors.Tensor t) throws ModelBundleException {
        ModelRole role = t.role();
        List<OnnxGraph.Value> values = t.input() ? g.inputs() : g.outputs();
        String file = OnnxModelLoader.fileFor(role);
        String side = t.side();
        String theirs = manifest.binding(role).tensor(t.name());
        OnnxGraph.Value v = OnnxGraph.find(values, theirs);
        if (v == null && t.optional()) {
            return;
        }
        if (v == null) {
            String example = values.isEmpty() ? "NAME" : values.get(0).name();
            throw new ModelBundleException(file + " (" + role.key() + ") of model '" + manifest.name() + "' has no "
                    + side
                    + " named '" + theirs + "' (it has " + names(values) + "). Name it in manifest.json: \"roles\": {\""
                    + role.key() + "\": {\"" + side + "s\": {\"" + t.name() + "\": \"" + example
                    + "\"}}}, or export with "
                    + "torch.onnx.export(..., " + side + "_names=[...]); see docs/model-format.md.");
        }
        if (v.elementType() != 0 && v.elementType() != OnnxGraph.FLOAT) {
            throw new ModelBundleException(
                    file + " (" + role.key() + ") of model '" + manifest.name() + "': " + side + " '"
                            + theirs + "' holds " + typeName(v.elementType())
                            + ", but Latent Lens exchanges float32 tensors. Export "
                            + "the model in float32 (in PyTorch: model.float() before torch.onnx.export).");
        }
        if (v.dims() == null) {
            return;
        }
        long[] expected = t.shapeFor(v.dims());
        if (v.dims().length == expected.length && v.dims().length > 0 && v.dims()[0] >= 0) {
            throw new ModelBundleException(
                    file + " (" + role.key() + ") of model '" + manifest.name() + "': " + side + " '"
                            + theirs + "' is " + v.shapeText() + ", a fixed batch of " + v.dims()[0]
                            + ", but Latent Lens runs one "
                            + "image at a time and dozens at once. Export with a dynamic batch axis: torch.onnx.export(..., "
                            + "dynamic_axes={\"" + theirs + "\": {0: \"n\"}, ...}) for every input and output.");
        }
        if (!t.fits(v.dims())) {
            throw new ModelBundleException(
                    "Shape mismatch in model '" + manifest.name() + "': " + file + " (" + role.key()
                            + ") " + side + " '" + theirs + "' is " + v.shapeText() + " but manifest.json implies "
                            + Arrays.toString(expected)
                            + " (-1 = any). Fix the manifest's image size, latent layout or attributes to "
                            + "match the model."
                            + ExpectedTensors.otherLayoutFitting(manifest, t.name(), v.dims())
                                    .map(ExpectedTensors::layoutHint)
                                    .orElse(""));
        }
    }

    private static String names(List<OnnxGraph.Value> values) {
        return values.stream()
                .map(v -> "'" + v.name() + "' " + v.shapeText())
                .toList()
                .toString();
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
