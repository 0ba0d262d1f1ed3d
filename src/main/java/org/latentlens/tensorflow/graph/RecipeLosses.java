package org.latentlens.tensorflow.graph;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.latentlens.core.train.LossTerm;
import org.latentlens.core.train.LossWeights;
import org.latentlens.core.train.Recipe;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The networks' forward passes and loss terms of each {@link Recipe}, one commented line per term. Only the
 * networks a recipe has are applied, so only their variables exist (a variable no loss reaches has no gradient).
 * Every image D sees goes through {@link DiffAugment} (an identity when augmentation is off) and D is applied as
 * trained ({@link GanNetworks#discriminateBatch}: with its batch's own minibatch statistic, when it has one).
 */
final class RecipeLosses {
    /** A step's fed tensors. */
    record Inputs(
            Operand<TFloat32> images,
            Operand<TFloat32> labels,
            Operand<TFloat32> mask,
            Operand<TFloat32> semantic,
            Operand<TFloat32> semanticTarget,
            Operand<TFloat32> free,
            Operand<TFloat32> noise) {}

    /**
     * What a recipe trains.
     *
     * @param lossD the discriminator's loss, or null when the recipe has none
     * @param lossGE the generator's (and encoder's) loss
     * @param terms every reported term, totals included
     * @param untrained name fragments of variables no loss of this recipe reaches (exported, never stepped)
     * @param realSeenByD the real images as D sees them (augmented, when on); null without D
     * @param dReal D's output on {@code realSeenByD} (R1 differentiates its realism); null without D
     */
    record Built(
            Operand<TFloat32> lossD,
            Operand<TFloat32> lossGE,
            Map<LossTerm, Operand<TFloat32>> terms,
            List<String> untrained,
            Operand<TFloat32> realSeenByD,
            GanNetworks.DiscriminatorOutput dReal) {

        /** D's realism logits of the real images. */
        Operand<TFloat32> realismOfReal() {
            return dReal.realism();
        }

        /** The real batch's minibatch standard deviation feature ([1]); null when D has none. */
        Operand<TFloat32> minibatchStdOfReal() {
            return dReal.minibatchStd();
        }
    }

    private final Ops tf;
    private final GanNetworks nets;
    private final GanArchitecture arch;
    private final LossWeights w;
    private final Inputs in;
    private final Losses l;
    private final Operand<TFloat32> zero;
    private final DiffAugment augment;
    /** Set by {@link #discriminateReal()}: the real images as D sees them, and what D says of them. */
    private Operand<TFloat32> realSeenByD;

    private GanNetworks.DiscriminatorOutput dReal;

    private RecipeLosses(Ops tf, GanNetworks nets, LossWeights w, Inputs in, DiffAugment augment) {
        this.tf = tf;
        this.nets = nets;
        this.arch = nets.architecture();
        this.w = w;
        this.in = in;
        this.l = new Losses(tf);
        this.zero = tf.constant(0f);
        this.augment = augment;
    }

    /** Builds {@code recipe}'s passes and losses on {@code nets}; D sees every image through {@code augment}. */
    static Built build(Recipe recipe, Ops tf, GanNetworks nets, LossWeights w, Inputs in, DiffAugment augment) {
        RecipeLosses r = new RecipeLosses(tf, nets, w, in, augment);
        Built b = switch (recipe) {
            case AE, VAE -> r.autoencoder(recipe == Recipe.VAE);
            case GAN, INFOGAN, SS_INFOGAN -> r.gan(recipe);
            case VAE_GAN -> r.vaeGan();
            case INTERPRETABLE -> r.interpretable();
        };
        return new Built(b.lossD(), b.lossGE(), b.terms(), b.untrained(), r.realSeenByD, r.dReal);
    }

    /** D on the real batch as it sees it (augmented, when on); remembered for R1 and the minibatch statistic. */
    private GanNetworks.DiscriminatorOutput discriminateReal() {
        realSeenByD = augment.apply(in.images());
        dReal = nets.discriminateBatch(realSeenByD);
        return dReal;
    }

    /** D on generated images as it sees them: augmented with random values of their own. */
    private GanNetworks.DiscriminatorOutput discriminate(Operand<TFloat32> images) {
        return nets.discriminateBatch(augment.apply(images));
    }

    private Built autoencoder(boolean variational) {
        GanNetworks.EncoderOutput enc = nets.encode(in.images());
        // AE: G(E(x)) from E's mean; VAE: from a reparameterised sample of E's Gaussian.
        Operand<TFloat32> code = variational ? sampleFree(enc) : enc.latent();
        Operand<TFloat32> recon = l.mean(tf.math.abs(tf.math.sub(nets.generate(code), in.images())));
        Map<LossTerm, Operand<TFloat32>> t = new EnumMap<>(LossTerm.class);
        if (variational) {
            Operand<TFloat32> kl = kl(enc);
            t.put(LossTerm.GE, l.sum(l.scale(w.reconstruction(), recon), l.scale(w.kl(), kl)));
            t.put(LossTerm.RECON_L1, recon);
            t.put(LossTerm.KL, kl);
            return new Built(null, t.get(LossTerm.GE), t, List.of(), null, null);
        }
        t.put(LossTerm.GE, l.scale(w.reconstruction(), recon));
        t.put(LossTerm.RECON_L1, recon);
        // A plain autoencoder has no variance: E's log-variance head exists (the bundle format has it) but never
        // trains.
        return new Built(null, t.get(LossTerm.GE), t, List.of(".free_logvar."), null, null);
    }

    private Built gan(Recipe recipe) {
        int s = arch.semanticDims();
        int a = arch.attributeCount();
        int c = Math.min(Recipe.CONTINUOUS_CODES, arch.freeDims());
        boolean info = recipe != Recipe.GAN;
        Operand<TFloat32> fake = nets.generate(concat(in.semantic(), in.free()));
        GanNetworks.DiscriminatorOutput dReal = discriminateReal();
        GanNetworks.DiscriminatorOutput dFake = discriminate(fake);
        // Non-saturating GAN loss: D tells x from G(z); G makes D call G(z) real.
        Operand<TFloat32> dAdv =
                l.sum(l.mean(l.softplus(tf.math.neg(dReal.realism()))), l.mean(l.softplus(dFake.realism())));
        Operand<TFloat32> gAdv = l.mean(l.softplus(tf.math.neg(dFake.realism())));
        Map<LossTerm, Operand<TFloat32>> t = new EnumMap<>(LossTerm.class);
        if (!info) {
            t.put(LossTerm.D, l.scale(w.adversarial(), dAdv));
            t.put(LossTerm.GE, l.scale(w.adversarial(), gAdv));
            t.put(LossTerm.D_ADV, dAdv);
            t.put(LossTerm.G_ADV, gAdv);
            return new Built(t.get(LossTerm.D), t.get(LossTerm.GE), t, List.of(), null, null);
        }
        // InfoGAN: Q (D's attribute head) reads back the categorical and binary codes G was given ...
        Operand<TFloat32> infoCodes = s > 0 ? l.bceFirst(dFake.attributeLogits(), in.semanticTarget(), s, a) : zero;
        // ... and its continuous head the first free values (a fixed-variance Gaussian: squared error).
        Operand<TFloat32> infoCont = c > 0
                ? l.mean(tf.math.square(tf.math.sub(
                        nets.continuousCodes(dFake.features(), c),
                        tf.slice(in.free(), tf.constant(new int[] {0, 0}), tf.constant(new int[] {-1, c})))))
                : zero;
        Operand<TFloat32> mutualInfo = l.scale(w.info(), l.sum(infoCodes, infoCont));
        Operand<TFloat32> lossD = l.sum(l.scale(w.adversarial(), dAdv), mutualInfo);
        if (recipe == Recipe.SS_INFOGAN) {
            // ss-InfoGAN: Q also learns the labels of the labelled real images, tying each code to its attribute.
            Operand<TFloat32> targets01 = tf.math.mul(tf.math.add(in.labels(), tf.constant(1f)), tf.constant(0.5f));
            Operand<TFloat32> dAttr = a > 0 ? l.maskedBce(dReal.attributeLogits(), targets01, in.mask()) : zero;
            lossD = l.sum(lossD, l.scale(w.attribute(), dAttr));
            t.put(LossTerm.ATTR_D, dAttr);
        }
        t.put(LossTerm.D, lossD);
        t.put(LossTerm.GE, l.sum(l.scale(w.adversarial(), gAdv), mutualInfo));
        t.put(LossTerm.D_ADV, dAdv);
        t.put(LossTerm.G_ADV, gAdv);
        t.put(LossTerm.INFO, infoCodes);
        t.put(LossTerm.INFO_CONT, infoCont);
        return new Built(lossD, t.get(LossTerm.GE), t, List.of(), null, null);
    }

    private Built vaeGan() {
        GanNetworks.EncoderOutput enc = nets.encode(in.images());
        Operand<TFloat32> code = sampleFree(enc);
        Operand<TFloat32> reconstruction = nets.generate(code);
        // The same reconstruction, but the adversarial terms must not reach E (Larsen et al.: E learns from KL and
        // the feature likelihood only): G gets them through a copy whose code stops the gradient.
        Operand<TFloat32> reconForD = nets.generate(tf.stopGradient(code));
        Operand<TFloat32> fake = nets.generate(concat(in.semantic(), in.free()));
        GanNetworks.DiscriminatorOutput dReal = discriminateReal();
        GanNetworks.DiscriminatorOutput dRec = discriminate(reconForD);
        GanNetworks.DiscriminatorOutput dFake = discriminate(fake);
        // D sees real, reconstructed and sampled images; G tries to pass both of its kinds as real.
        Operand<TFloat32> dAdv = l.sum(
                l.mean(l.softplus(tf.math.neg(dReal.realism()))),
                l.mean(l.softplus(dFake.realism())),
                l.mean(l.softplus(dRec.realism())));
        Operand<TFloat32> gAdv = l.sum(
                l.mean(l.softplus(tf.math.neg(dFake.realism()))), l.mean(l.softplus(tf.math.neg(dRec.realism()))));
        // Reconstruction in D's feature space: squared distance of D's hidden features of x and of G(E(x)), the
        // reconstruction augmented exactly as x was, so that only the reconstruction error separates them.
        Operand<TFloat32> features = l.mean(tf.math.square(tf.math.sub(
                nets.discriminateBatch(augment.applyLike(reconstruction, realSeenByD))
                        .features(),
                dReal.features())));
        Operand<TFloat32> kl = kl(enc);
        Map<LossTerm, Operand<TFloat32>> t = new EnumMap<>(LossTerm.class);
        t.put(LossTerm.D, l.scale(w.adversarial(), dAdv));
        t.put(
                LossTerm.GE,
                l.sum(l.scale(w.adversarial(), gAdv), l.scale(w.reconstruction(), features), l.scale(w.kl(), kl)));
        t.put(LossTerm.D_ADV, dAdv);
        t.put(LossTerm.G_ADV, gAdv);
        t.put(LossTerm.RECON_FEATURE, features);
        t.put(LossTerm.KL, kl);
        return new Built(t.get(LossTerm.D), t.get(LossTerm.GE), t, List.of(), null, null);
    }

    /** The interpretable GAN: every term; see {@link TrainingGraph}. Unchanged, so seeded runs repeat exactly. */
    private Built interpretable() {
        int s = arch.semanticDims();
        int f = arch.freeDims();
        int a = arch.attributeCount();
        // Real path: D on x, E on x, and the VAE path G(E(x)).
        GanNetworks.DiscriminatorOutput dReal = discriminateReal();
        GanNetworks.EncoderOutput enc = nets.encode(in.images());
        Operand<TFloat32> sampledFree = tf.math.add(
                enc.freeMean(), tf.math.mul(tf.math.exp(tf.math.mul(enc.freeLogVar(), tf.constant(0.5f))), in.noise()));
        Operand<TFloat32> reconstruction = nets.generate(concat(enc.semantic(), sampledFree));
        // Prior path: G(z) with z = [semantic values, free noise].
        Operand<TFloat32> fake = nets.generate(concat(in.semantic(), in.free()));
        GanNetworks.DiscriminatorOutput dFake = discriminate(fake);
        GanNetworks.DiscriminatorOutput dRec = discriminate(reconstruction);
        GanNetworks.EncoderOutput encFake = nets.encode(fake);

        Operand<TFloat32> targets01 = tf.math.mul(tf.math.add(in.labels(), tf.constant(1f)), tf.constant(0.5f));
        // Adversarial: D tells x from both G(z) and G(E(x)); G makes it call both real.
        Operand<TFloat32> dAdv = l.sum(
                l.mean(l.softplus(tf.math.neg(dReal.realism()))),
                l.scale(0.5, l.mean(l.softplus(dFake.realism()))),
                l.scale(0.5, l.mean(l.softplus(dRec.realism()))));
        Operand<TFloat32> gAdv = l.sum(
                l.scale(0.5, l.mean(l.softplus(tf.math.neg(dFake.realism())))),
                l.scale(0.5, l.mean(l.softplus(tf.math.neg(dRec.realism())))));
        // Attribute supervision of D's and E's heads and E's semantic code on labelled real images.
        Operand<TFloat32> dAttr = a > 0 ? l.maskedBce(dReal.attributeLogits(), targets01, in.mask()) : zero;
        Operand<TFloat32> eAttr = a > 0
                ? l.sum(
                        l.maskedBce(enc.attributeLogits(), targets01, in.mask()),
                        s > 0 ? l.maskedMse(enc.semantic(), in.labels(), in.mask(), s, a) : zero)
                : zero;
        // Info: D's head and E read back the semantic values G was given.
        Operand<TFloat32> info = s > 0
                ? l.sum(
                        l.bceFirst(dFake.attributeLogits(), in.semanticTarget(), s, a),
                        l.bceFirst(encFake.attributeLogits(), in.semanticTarget(), s, a))
                : zero;
        // Latent: E(G(z)) recovers the whole code.
        Operand<TFloat32> latent = l.sum(
                s > 0 ? l.mean(tf.math.square(tf.math.sub(encFake.semantic(), in.semantic()))) : zero,
                f > 0 ? l.mean(tf.math.square(tf.math.sub(encFake.freeMean(), in.free()))) : zero);
        // Reconstruction: L1 between x and G(E(x)), and KL of the free code.
        Operand<TFloat32> recon = l.mean(tf.math.abs(tf.math.sub(reconstruction, in.images())));
        Operand<TFloat32> kl = f > 0 ? kl(enc) : zero;

        Operand<TFloat32> lossD = l.sum(l.scale(w.adversarial(), dAdv), l.scale(w.attribute(), dAttr));
        Operand<TFloat32> lossGE = l.sum(
                l.scale(w.adversarial(), gAdv),
                l.scale(w.info(), info),
                l.scale(w.latent(), latent),
                l.scale(w.attribute(), eAttr),
                l.scale(w.reconstruction(), recon),
                l.scale(w.kl(), kl));
        Map<LossTerm, Operand<TFloat32>> t = new EnumMap<>(LossTerm.class);
        t.put(LossTerm.D, lossD);
        t.put(LossTerm.GE, lossGE);
        t.put(LossTerm.D_ADV, dAdv);
        t.put(LossTerm.G_ADV, gAdv);
        t.put(LossTerm.ATTR_D, dAttr);
        t.put(LossTerm.ATTR_E, eAttr);
        t.put(LossTerm.INFO, info);
        t.put(LossTerm.LATENT, latent);
        t.put(LossTerm.RECON_L1, recon);
        t.put(LossTerm.KL, kl);
        return new Built(lossD, lossGE, t, List.of(), null, null);
    }

    /** E's code with its free part drawn by reparameterisation: [semantic, mean + sigma * eps]. */
    private Operand<TFloat32> sampleFree(GanNetworks.EncoderOutput enc) {
        Operand<TFloat32> sampled = tf.math.add(
                enc.freeMean(), tf.math.mul(tf.math.exp(tf.math.mul(enc.freeLogVar(), tf.constant(0.5f))), in.noise()));
        return concat(enc.semantic(), sampled);
    }

    /** KL divergence of E's free Gaussian from N(0, 1), summed over dimensions, averaged over the batch. */
    private Operand<TFloat32> kl(GanNetworks.EncoderOutput enc) {
        return l.mean(tf.reduceSum(
                tf.math.mul(
                        tf.constant(0.5f),
                        tf.math.sub(
                                tf.math.sub(
                                        tf.math.add(tf.math.square(enc.freeMean()), tf.math.exp(enc.freeLogVar())),
                                        tf.constant(1f)),
                                enc.freeLogVar())),
                tf.constant(1)));
    }

    private Operand<TFloat32> concat(Operand<TFloat32> a, Operand<TFloat32> b) {
        return tf.concat(List.of(a, b), tf.constant(1));
    }
}
