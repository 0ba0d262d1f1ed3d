package org.latentlens.core.model;

import java.util.List;
import java.util.Locale;

/**
 * What Latent Lens asks of a model. Each role is served by one SavedModel signature (or ONNX graph); the
 * manifest's {@code roles} block may map a role to any signature key and tensor names, so that exports such as
 * Keras 3's {@code model.export()} ({@code serving_default}, {@code z_in} / {@code output_0}) open unchanged.
 * Only {@link #GENERATE} is required; the app and CLI hide what a missing role would have fed.
 */
public enum ModelRole {
    /** Latent codes {@code z [N, D]} to images {@code image [N, H, W, C]}. */
    GENERATE(List.of(SignatureNames.Z), List.of(SignatureNames.IMAGE)),
    /** Images to {@code latent [N, D]} and {@code attributes [N, A]} (logits; may be absent when A is 0). */
    ENCODE(List.of(SignatureNames.IMAGE), List.of(SignatureNames.LATENT, SignatureNames.ATTRIBUTES)),
    /** Images to {@code realism [N]} and {@code attributes [N, A]} (logits; may be absent when A is 0). */
    DISCRIMINATE(List.of(SignatureNames.IMAGE), List.of(SignatureNames.REALISM, SignatureNames.ATTRIBUTES)),
    /** Images to a per-pixel map {@code saliency [N, H, W]}. */
    SALIENCY(List.of(SignatureNames.IMAGE), List.of(SignatureNames.SALIENCY_MAP));

    private final List<String> inputs;
    private final List<String> outputs;

    ModelRole(List<String> inputs, List<String> outputs) {
        this.inputs = inputs;
        this.outputs = outputs;
    }

    /** The role's name in manifests and messages, and the signature key used when the manifest maps nothing. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Our names of the role's input tensors. */
    public List<String> inputs() {
        return inputs;
    }

    /** Our names of the role's output tensors. */
    public List<String> outputs() {
        return outputs;
    }

    /** The role called {@code key} ({@code generate}, ...), or {@code null}. */
    public static ModelRole fromKey(String key) {
        for (ModelRole r : values()) {
            if (r.key().equals(key)) {
                return r;
            }
        }
        return null;
    }
}
