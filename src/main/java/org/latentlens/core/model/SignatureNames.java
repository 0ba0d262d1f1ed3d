package org.latentlens.core.model;

import java.util.List;

/**
 * Names of the SavedModel signatures and of their tensors: the contract in {@code docs/model-format.md}.
 */
public final class SignatureNames {
    /** latent batch {@code z [N, D]} to image batch {@code image [N, H, W, C]}. */
    public static final String GENERATE = "generate";
    /** {@code image} to {@code latent [N, D]} and {@code attributes [N, A]} (logits). */
    public static final String ENCODE = "encode";
    /** {@code image} to {@code realism [N]} and {@code attributes [N, A]} (logits). */
    public static final String DISCRIMINATE = "discriminate";
    /** Optional: {@code image} to {@code saliency [N, H, W]}. */
    public static final String SALIENCY = "saliency";

    /**
     * Optional, our own bundles' combined frames: {@code z} to {@code image}, the encoder's
     * {@code encoded_attributes} read from it (one session call instead of two).
     */
    public static final String FRAME_ENCODE = "frame_encode";
    /** Optional: as {@link #FRAME_ENCODE}, plus the discriminator's {@code realism} and {@code judged_attributes}. */
    public static final String FRAME_INSPECT = "frame_inspect";
    /** Optional: as {@link #FRAME_INSPECT}, plus the {@code saliency} map of the image. */
    public static final String FRAME_SALIENCY = "frame_saliency";
    /**
     * Optional: from a code to the generator's feature maps, one output per resolution level named {@link #level}
     * (coarsest first), each [N, s, s, channels].
     */
    public static final String ACTIVATIONS = "activations";

    /** The signatures every bundle must have. */
    public static final List<String> REQUIRED = List.of(GENERATE, ENCODE, DISCRIMINATE);

    /** Tensor names used inside the signatures. */
    public static final String Z = "z";

    public static final String IMAGE = "image";
    public static final String LATENT = "latent";
    public static final String ATTRIBUTES = "attributes";
    public static final String REALISM = "realism";
    public static final String SALIENCY_MAP = "saliency";
    /** In the frame signatures: the encoder's attribute logits of the generated image. */
    public static final String ENCODED_ATTRIBUTES = "encoded_attributes";
    /** In the frame signatures: the discriminator's attribute logits of the generated image. */
    public static final String JUDGED_ATTRIBUTES = "judged_attributes";

    private SignatureNames() {}

    /** The {@link #ACTIVATIONS} output of resolution level {@code index} (0: the coarsest). */
    public static String level(int index) {
        return "level" + index;
    }
}
