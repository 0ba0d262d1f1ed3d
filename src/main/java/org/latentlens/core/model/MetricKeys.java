package org.latentlens.core.model;

/**
 * The names of the measured figures in a manifest's {@code metrics} (written by {@code latent-lens evaluate}, read
 * by the model card, the sliders' badges and {@code compare}). One place for them, so a figure is never written
 * under one name and looked up under another; the names themselves are part of the bundle format
 * (docs/model-format.md) and do not change.
 */
public final class MetricKeys {
    private MetricKeys() {}

    /** Prefix of a semantic dimension's steerability: {@code steerability.Smiling}. */
    public static final String STEERABILITY = "steerability.";

    /** Prefix of a semantic dimension's leakage into the other attributes: {@code leakage.Smiling}. */
    public static final String LEAKAGE = "leakage.";

    /** Mean steerability over the semantic dimensions. */
    public static final String STEERABILITY_MEAN = STEERABILITY + "mean";

    /** Mean leakage over the semantic dimensions. */
    public static final String LEAKAGE_MEAN = LEAKAGE + "mean";

    /** Mean PSNR (dB) of the reconstructions G(E(x)) of held-out images. */
    public static final String PSNR = "reconstruction.psnr";

    /** Mean SSIM of the same reconstructions. */
    public static final String SSIM = "reconstruction.ssim";

    /** Share of attributes the judge reads the same on a held-out image and on its reconstruction. */
    public static final String ATTRIBUTE_AGREEMENT = "reconstruction.attributeAgreement";

    /** Fréchet distance in the judge's feature space, real against generated (mean over draws). */
    public static final String JUDGE_FRECHET = "realism.judgeFrechet";

    /** Standard deviation of {@link #JUDGE_FRECHET} over its draws of generated images. */
    public static final String JUDGE_FRECHET_SD = JUDGE_FRECHET + ".sd";

    /** How many draws of generated images {@link #JUDGE_FRECHET} averages. */
    public static final String JUDGE_FRECHET_DRAWS = JUDGE_FRECHET + ".draws";

    /** The discriminator's realism score of the face the app opens on (every dimension at its default). */
    public static final String DEFAULT_VIEW_SCORE = "realism.defaultView.score";

    /** Where {@link #DEFAULT_VIEW_SCORE} falls among the calibration's real faces, in percent. */
    public static final String DEFAULT_VIEW_REAL_PERCENTILE = "realism.defaultView.realPercentile";

    /** The steerability key of {@code dimension}. */
    public static String steerability(String dimension) {
        return STEERABILITY + dimension;
    }

    /** The leakage key of {@code dimension}. */
    public static String leakage(String dimension) {
        return LEAKAGE + dimension;
    }
}
