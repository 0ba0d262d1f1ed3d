package org.latentlens.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.latentlens.core.model.CategoricalFactor;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.TrainingRecord;

/** A fine-tuning run takes the bundle's shape from its training record and the rest from the caller. */
class FineTuningTest {
    private static final List<String> ATTRS = List.of("Male", "Young", "White", "Black");

    /** The config a bundle was trained with: 32 px, 16 channels, one-of-N race, minibatch std, a changed weight. */
    private static TrainingConfig trained() {
        TrainingConfig d = TrainingConfig.defaults("celeba:/faces", 32, ATTRS, 4000);
        return TrainingConfig.defaults(d.dataset(), 32, ATTRS, 4000).toBuilder()
                .freeDims(6)
                .labelFraction(0.5)
                .seed(7)
                .baseChannels(16)
                .maxChannels(96)
                .hiddenUnits(64)
                .weights(LossWeights.DEFAULT.with("info", 2))
                .emaDecay(0.995)
                .modelName("faces")
                .categoricals(List.of(CategoricalFactor.parse("Race=White,Black")))
                .tricks(new TrainingTricks(1, 16, List.of(), 0, true, 0, 0, 0))
                .build();
    }

    private static ModelManifest bundleOf(TrainingConfig c) {
        return new ModelManifest(
                1,
                "faces",
                "",
                ImageSpec.rgbSquare(c.imageSize()),
                LatentLayout.of(List.of("Male", "Young"), c.freeDims(), 1.5f, 3f),
                ATTRS,
                List.of(),
                new TrainingRecord(
                        c.dataset(),
                        c.steps(),
                        "",
                        c.hyperParameters(),
                        c.recipe().key()),
                Map.of());
    }

    @Test
    void theShapeComesFromTheBundleAndTheRunFromTheCaller() {
        TrainingConfig was = trained();
        TrainingConfig form = TrainingConfig.defaults("synthetic", 64, List.of("Smiling"), 300);
        TrainingConfig c = FineTuning.of(bundleOf(was), Path.of("/models/faces"), form, false);
        assertEquals(
                List.of(32, 6, 16, 96, 64),
                List.of(c.imageSize(), c.freeDims(), c.baseChannels(), c.maxChannels(), c.hiddenUnits()));
        assertEquals(ATTRS, c.attributes());
        assertEquals(was.categoricals(), c.categoricals());
        assertEquals(was.weights(), c.weights());
        assertEquals(0.5, c.labelFraction());
        assertEquals(0.995, c.emaDecay());
        assertTrue(c.tricks().minibatchStd(), "D's shape includes the minibatch feature");
        assertEquals("/models/faces", c.tricks().warmStart());
        assertFalse(c.tricks().encoderOnly());
        assertEquals("synthetic", c.dataset());
        assertEquals(300, c.steps());
    }

    @Test
    void theOpeningShareAModelWasTrainedWithContinuesUnlessTheRunSetsItsOwn() {
        TrainingConfig was = trained().withTricks(trained().tricks().withOpeningShare(0.25));
        TrainingConfig form = TrainingConfig.defaults("synthetic", 64, List.of(), 300);
        assertEquals(
                0.25,
                FineTuning.of(bundleOf(was), Path.of("/m"), form, false)
                        .tricks()
                        .openingShare());
        assertEquals(
                0.5,
                FineTuning.of(
                                bundleOf(was),
                                Path.of("/m"),
                                form.withTricks(form.tricks().withOpeningShare(0.5)),
                                false)
                        .tricks()
                        .openingShare());
        assertEquals(
                0,
                FineTuning.of(bundleOf(trained()), Path.of("/m"), form, false)
                        .tricks()
                        .openingShare());
    }

    @Test
    void anEncoderOnlyRunDropsWhatActsOnTheDiscriminator() {
        TrainingConfig form = TrainingConfig.defaults("synthetic", 64, List.of(), 300)
                .withTricks(new TrainingTricks(1, 16, List.of("color"), 4e-4, false, 5, 1, 1));
        TrainingConfig c = FineTuning.of(bundleOf(trained()), Path.of("/models/faces"), form, true);
        assertTrue(c.tricks().encoderOnly());
        assertEquals(0, c.tricks().r1Gamma());
        assertEquals(List.of(), c.tricks().augment());
        assertEquals(5, c.tricks().cpuMinutes(), "the run's limits stay");
    }

    @Test
    void aModelWhoseEncoderWasFittedLastContinuesWithTheRecipesWeights() {
        TrainingConfig fitted =
                trained().withTricks(new TrainingTricks(0, 16, List.of(), 0, true, 0, 0, 0, "/m", true, false, false));
        TrainingConfig fitting = TrainingConfig.defaults(fitted.dataset(), 32, ATTRS, 600).toBuilder()
                .freeDims(6)
                .learningRate(1e-4)
                .labelFraction(0.5)
                .seed(7)
                .baseChannels(16)
                .maxChannels(96)
                .hiddenUnits(64)
                .weights(fitted.weights().with("adversarial", 0))
                .emaDecay(0.995)
                .modelName("faces")
                .categoricals(fitted.categoricals())
                .tricks(fitted.tricks())
                .build();
        TrainingConfig c = FineTuning.of(
                bundleOf(fitting),
                Path.of("/models/faces"),
                TrainingConfig.defaults("synthetic", 64, List.of(), 300),
                false);
        assertEquals(
                Recipe.INTERPRETABLE.weights(32, 64, null),
                c.weights(),
                "not the encoder fit's weights (adversarial 0)");
    }

    @Test
    void aModelThatDoesNotSayHowItWasTrainedIsRefusedWithAReason() {
        ModelManifest imported = new ModelManifest(
                1,
                "keras-gan",
                "",
                ImageSpec.rgbSquare(64),
                LatentLayout.of(List.of(), 16, 1.5f, 3f),
                List.of(),
                List.of(),
                null,
                Map.of());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> FineTuning.of(
                        imported, Path.of("/m"), TrainingConfig.defaults("synthetic", 64, List.of(), 10), false));
        assertTrue(e.getMessage().contains("only models trained by Latent Lens"), e.getMessage());
    }
}
