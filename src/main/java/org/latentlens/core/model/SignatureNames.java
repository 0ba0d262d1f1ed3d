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

  /** The signatures every bundle must have. */
  public static final List<String> REQUIRED = List.of(GENERATE, ENCODE, DISCRIMINATE);

  /** Tensor names used inside the signatures. */
  public static final String Z = "z";
  public static final String IMAGE = "image";
  public static final String LATENT = "latent";
  public static final String ATTRIBUTES = "attributes";
  public static final String REALISM = "realism";
  public static final String SALIENCY_MAP = "saliency";

  private SignatureNames() {}
}
