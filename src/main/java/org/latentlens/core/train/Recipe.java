package org.latentlens.core.train;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.latentlens.core.model.CategoricalFactor;

/**
 * A published model family Latent Lens trains: which networks it has, which loss terms train them, and how to
 * explain it. The TensorFlow graph builds exactly what the recipe lists.
 */
public enum Recipe {
    /** A plain autoencoder. */
    AE(
            "ae",
            false,
            EnumSet.of(LossTerm.GE, LossTerm.RECON_L1),
            true,
            false,
            "Autoencoder: an encoder and a decoder (the generator) trained only to reconstruct images.",
            "An autoencoder: the encoder compresses an image into the code and the generator decodes it back; the only "
                    + "loss is the L1 reconstruction error. Nothing shapes the code into a distribution and no "
                    + "discriminator judges realism, so random codes can decode poorly."),
    /** A variational autoencoder (Kingma and Welling 2014), beta-weighted. */
    VAE(
            "vae",
            false,
            EnumSet.of(LossTerm.GE, LossTerm.RECON_L1, LossTerm.KL),
            true,
            false,
            "VAE: the encoder outputs a Gaussian, the decoder reconstructs from a reparameterised sample, KL (x beta) "
                    + "pulls the code towards N(0, 1).",
            "A variational autoencoder: the encoder outputs a mean and variance, the generator decodes a "
                    + "reparameterised sample, and beta times the KL divergence pulls the code towards a standard normal. "
                    + "Faces are typically blurrier than a GAN's but every code decodes to something."),
    /** A DCGAN-style GAN with the non-saturating loss. */
    GAN(
            "gan",
            false,
            EnumSet.of(LossTerm.D, LossTerm.GE, LossTerm.D_ADV, LossTerm.G_ADV),
            false,
            true,
            "GAN (DCGAN-style): a generator from noise against a discriminator; no encoder, so images cannot be encoded.",
            "A generative adversarial network (DCGAN-style): the generator turns noise into faces and the "
                    + "discriminator tells them from real ones (non-saturating loss). It has no encoder, so images cannot "
                    + "be encoded, and its sliders have no names."),
    /** VAE-GAN (Larsen et al. 2016). */
    VAE_GAN(
            "vae-gan",
            false,
            EnumSet.of(LossTerm.D, LossTerm.GE, LossTerm.D_ADV, LossTerm.G_ADV, LossTerm.RECON_FEATURE, LossTerm.KL),
            true,
            true,
            "VAE-GAN (Larsen et al. 2016): a VAE whose decoder is the GAN's generator, reconstruction measured in the "
                    + "discriminator's features.",
            "A VAE-GAN (Larsen et al. 2016): the VAE's decoder is the GAN's generator, and reconstruction is measured "
                    + "in the discriminator's hidden features instead of pixels. The discriminator sees real, "
                    + "reconstructed and sampled faces, which sharpens what a plain VAE blurs."),
    /** InfoGAN (Chen et al. 2016). */
    INFOGAN(
            "infogan",
            false,
            EnumSet.of(LossTerm.D, LossTerm.GE, LossTerm.D_ADV, LossTerm.G_ADV, LossTerm.INFO, LossTerm.INFO_CONT),
            false,
            true,
            "InfoGAN (Chen et al. 2016): a GAN whose codes (categorical and continuous) a Q head on D must recover; "
                    + "no labels.",
            "An InfoGAN (Chen et al. 2016): the generator gets categorical and continuous codes besides noise, and a "
                    + "Q head on the discriminator must read them back, which makes each code steer something. No labels "
                    + "are used and there is no encoder, so what a code steers is found, not chosen."),
    /** Semi-supervised InfoGAN (Spurr et al. 2017). */
    SS_INFOGAN(
            "ss-infogan",
            true,
            EnumSet.of(
                    LossTerm.D,
                    LossTerm.GE,
                    LossTerm.D_ADV,
                    LossTerm.G_ADV,
                    LossTerm.INFO,
                    LossTerm.INFO_CONT,
                    LossTerm.ATTR_D),
            false,
            true,
            "ss-InfoGAN (Spurr et al. 2017): InfoGAN whose codes are tied to named attributes by a small labelled "
                    + "share of the images (--label-fraction).",
            "A semi-supervised InfoGAN (Spurr et al. 2017): an InfoGAN whose Q head also learns the attribute labels "
                    + "of a small labelled share of the real images. That ties each code to a named attribute; there is no "
                    + "encoder, so images cannot be encoded."),
    /** The interpretable GAN: today's joined model. */
    INTERPRETABLE(
            "interpretable",
            true,
            EnumSet.of(
                    LossTerm.D,
                    LossTerm.GE,
                    LossTerm.D_ADV,
                    LossTerm.G_ADV,
                    LossTerm.ATTR_D,
                    LossTerm.ATTR_E,
                    LossTerm.INFO,
                    LossTerm.LATENT,
                    LossTerm.RECON_L1,
                    LossTerm.KL),
            true,
            true,
            "Interpretable GAN: encoder, generator and discriminator with attribute supervision, InfoGAN-style "
                    + "read-back and VAE reconstruction.",
            "The interpretable GAN: a semantic encoder, generator and discriminator trained together with attribute "
                    + "labels, InfoGAN-style read-back of each named slider and VAE reconstruction. Each named slider is "
                    + "meant to steer its attribute and nothing else, and any face can be encoded.");

    /** InfoGAN's continuous codes: the first free dimensions, up to this many; the rest stay noise. */
    public static final int CONTINUOUS_CODES = 2;

    /** InfoGAN's default code: one categorical code of four values (Chen et al. give digits a 10-way code). */
    public static final List<String> INFOGAN_CODES = List.of("code_0", "code_1", "code_2", "code_3");

    /** The categorical factor grouping {@link #INFOGAN_CODES} into one control. */
    public static CategoricalFactor infoganCode() {
        return new CategoricalFactor("code", INFOGAN_CODES);
    }

    private final String key;
    private final boolean usesLabels;
    private final Set<LossTerm> terms;
    private final boolean encoder;
    private final boolean discriminator;
    private final String help;
    private final String card;

    Recipe(
            String key,
            boolean usesLabels,
            Set<LossTerm> terms,
            boolean encoder,
            boolean discriminator,
            String help,
            String card) {
        this.key = key;
        this.usesLabels = usesLabels;
        this.terms = terms;
        this.encoder = encoder;
        this.discriminator = discriminator;
        this.help = help;
        this.card = card;
    }

    /** The name on the command line and in manifests ({@code vae-gan}). */
    public String key() {
        return key;
    }

    /** Whether attribute labels train it (the rest take no named attributes, or use them only as code names). */
    public boolean usesLabels() {
        return usesLabels;
    }

    /** Whether it has named semantic codes: attributes for the labelled recipes, code names for InfoGAN. */
    public boolean hasCodes() {
        return usesLabels || this == INFOGAN;
    }

    /** The loss terms a step reports. */
    public Set<LossTerm> terms() {
        return EnumSet.copyOf(terms);
    }

    /** Whether it trains (and exports) an encoder. */
    public boolean hasEncoder() {
        return encoder;
    }

    /** Whether it trains (and exports) a discriminator. */
    public boolean hasDiscriminator() {
        return discriminator;
    }

    /** One sentence for the command line and the Train tab. */
    public String help() {
        return help;
    }

    /** Two sentences for the model card. */
    public String card() {
        return card;
    }

    /**
     * The published objective's weights. Autoencoders sum the L1 error over pixels (a Laplace likelihood) against
     * {@code beta} times the KL; VAE-GAN sums the squared feature error over D's hidden units (a Gaussian likelihood).
     *
     * @param beta the KL weight of the VAE recipes, or null for the default (1; 0.02 for interpretable)
     */
    public LossWeights weights(int imageSize, int hiddenUnits, Double beta) {
        double pixels = imageSize * imageSize * 3.0;
        double b = beta != null ? beta : 1.0;
        return switch (this) {
            case AE -> new LossWeights(0, 0, 0, 0, pixels, 0);
            case VAE -> new LossWeights(0, 0, 0, 0, pixels, b);
            case GAN -> new LossWeights(1, 0, 0, 0, 0, 0);
            case VAE_GAN -> new LossWeights(1, 0, 0, 0, hiddenUnits, b);
            case INFOGAN -> new LossWeights(1, 0, 1, 0, 0, 0);
            case SS_INFOGAN -> new LossWeights(1, 1, 1, 0, 0, 0);
            case INTERPRETABLE ->
                beta == null
                        ? LossWeights.DEFAULT
                        : new LossWeights(
                                LossWeights.DEFAULT.adversarial(),
                                LossWeights.DEFAULT.attribute(),
                                LossWeights.DEFAULT.info(),
                                LossWeights.DEFAULT.latent(),
                                LossWeights.DEFAULT.reconstruction(),
                                beta);
        };
    }

    /** The recipe named {@code key} ({@code vae-gan}); the message lists the choices. */
    public static Recipe ofKey(String key) {
        for (Recipe r : values()) {
            if (r.key.equalsIgnoreCase(key.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown recipe '" + key + "'; choose one of " + keys());
    }

    /** All keys, comma-separated, for messages and help. */
    public static String keys() {
        return String.join(", ", Arrays.stream(values()).map(Recipe::key).toList());
    }

    @Override
    public String toString() {
        return key;
    }
}
