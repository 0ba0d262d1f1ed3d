package org.latentlens.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tensors a manifest promises for each role, with their shapes: the rules every engine's loader checks a
 * model's declared interface against before running it, so that TensorFlow and ONNX bundles are held to the same
 * contract. In shapes, {@code -1} matches any size (the batch axis, or an axis the export left dynamic).
 */
public final class ExpectedTensors {
    private ExpectedTensors() {}

    /**
     * One tensor of a role: our name for it, whether it is an input, the shapes it may have (the realism head may be
     * {@code [N]} or a Keras {@code Dense(1)}'s {@code [N, 1]}), and whether a model may leave it out (attribute heads,
     * when the manifest names no attributes).
     */
    public record Tensor(ModelRole role, String name, boolean input, List<long[]> shapes, boolean optional) {
        /** {@code "input"} or {@code "output"}, for messages and the manifest's {@code roles} block. */
        public String side() {
            return input ? "input" : "output";
        }

        /** Whether a tensor of {@code dims} fits one of the shapes. */
        public boolean fits(long[] dims) {
            return shapes.stream().anyMatch(s -> compatible(dims, s));
        }

        /** The shape to hold {@code dims} to (and to name when it does not fit): the one of its rank, else the first. */
        public long[] shapeFor(long[] dims) {
            return shapes.stream()
                    .filter(s -> s.length == dims.length)
                    .findFirst()
                    .orElse(shapes.get(0));
        }
    }

    /** What {@code role} must take and give for a model described by {@code manifest}. */
    public static List<Tensor> of(ModelManifest manifest, ModelRole role) {
        long[] image = manifest.layout().batchShape(manifest.image());
        long[] latent = {-1, manifest.latent().size()};
        int count = manifest.attributes().size();
        Tensor attributes =
                new Tensor(role, SignatureNames.ATTRIBUTES, false, List.of(new long[] {-1, count}), count == 0);
        List<Tensor> tensors = new ArrayList<>();
        switch (role) {
            case GENERATE -> {
                tensors.add(input(role, SignatureNames.Z, latent));
                tensors.add(output(role, SignatureNames.IMAGE, image));
            }
            case ENCODE -> {
                tensors.add(input(role, SignatureNames.IMAGE, image));
                tensors.add(output(role, SignatureNames.LATENT, latent));
                tensors.add(attributes);
            }
            case DISCRIMINATE -> {
                tensors.add(input(role, SignatureNames.IMAGE, image));
                tensors.add(new Tensor(
                        role, SignatureNames.REALISM, false, List.of(new long[] {-1}, new long[] {-1, 1}), false));
                tensors.add(attributes);
            }
            case SALIENCY -> {
                tensors.add(input(role, SignatureNames.IMAGE, image));
                tensors.add(output(role, SignatureNames.SALIENCY_MAP, new long[] {
                    -1, manifest.image().height(), manifest.image().width()
                }));
            }
        }
        return tensors;
    }

    /** Whether {@code dims} matches {@code expected}: same rank, and equal sizes where both are known. */
    public static boolean compatible(long[] dims, long[] expected) {
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

    /**
     * The image layout the manifest does not declare, when an image tensor of {@code dims} fits it: the hint to give
     * for a channels-first model described as channels-last, or the reverse.
     */
    public static Optional<ImageLayout> otherLayoutFitting(ModelManifest manifest, String name, long[] dims) {
        if (!name.equals(SignatureNames.IMAGE) || dims.length != 4) {
            return Optional.empty();
        }
        ImageLayout other = manifest.layout() == ImageLayout.NHWC ? ImageLayout.NCHW : ImageLayout.NHWC;
        return compatible(dims, other.batchShape(manifest.image())) ? Optional.of(other) : Optional.empty();
    }

    /** The sentence that tells the user to declare {@code layout}. */
    public static String layoutHint(ImageLayout layout) {
        return " It looks " + (layout == ImageLayout.NCHW ? "channels-first (PyTorch's habit)" : "channels-last")
                + ": set \"image\": {\"layout\": \"" + layout
                + "\"} in manifest.json and Latent Lens transposes for you.";
    }

    private static Tensor input(ModelRole role, String name, long[] shape) {
        return new Tensor(role, name, true, List.of(shape), false);
    }

    private static Tensor output(ModelRole role, String name, long[] shape) {
        return new Tensor(role, name, false, List.of(shape), false);
    }
}
