package org.latentlens.core.train;

/**
 * The loss terms a training step reports, each under the short key that progress logs, charts and the
 * reference Keras trainer's {@code metrics.jsonl} use. Which terms a run has depends on its {@link Recipe}.
 */
public enum LossTerm {
    /** The discriminator's whole loss (adversarial plus its heads). */
    D("D"),
    /** The generator's and encoder's whole loss. */
    GE("GE"),
    /** D telling real images from generated ones. */
    D_ADV("d_adv"),
    /** G fooling D (non-saturating). */
    G_ADV("g_adv"),
    /** D's attribute head on labelled real images. */
    ATTR_D("attr_D"),
    /** E's attribute head and semantic code on labelled real images. */
    ATTR_E("attr_E"),
    /** Reading back, from G(z), the semantic (InfoGAN) code G was given: the categorical and binary codes. */
    INFO("info"),
    /** E recovering G's whole code. */
    LATENT("latent"),
    /** L1 distance between x and G(E(x)). */
    RECON_L1("recon_l1"),
    /** KL divergence of the encoder's code from a standard normal. */
    KL("kl"),
    /** VAE-GAN: squared distance between D's hidden features of x and of G(E(x)). */
    RECON_FEATURE("recon_feature"),
    /** InfoGAN: the Q head recovering the continuous codes G was given. */
    INFO_CONT("info_cont"),
    /**
     * The R1 penalty E[‖∇ₓD(x)‖²] on real images (before weighting), reported only on the steps where lazy R1 applies
     * ({@code --r1}); not one of any recipe's {@link Recipe#terms()}.
     */
    R1("r1");

    private final String key;

    LossTerm(String key) {
        this.key = key;
    }

    /** The short name shown in logs and charts ({@code recon_l1}). */
    public String key() {
        return key;
    }

    /** The term whose {@link #key()} is {@code key}. */
    public static LossTerm ofKey(String key) {
        for (LossTerm t : values()) {
            if (t.key.equals(key)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no loss term '" + key + "'");
    }
}
