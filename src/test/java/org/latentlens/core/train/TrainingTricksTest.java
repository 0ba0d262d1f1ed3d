package org.latentlens.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingTricksTest {
    @TempDir
    Path tmp;

    private static final TrainingTricks ALL =
            new TrainingTricks(10, 4, List.of("translation", "cutout"), 4e-4, true, 30, 2, 1);

    private static TrainingConfig config() {
        return TrainingConfig.defaults("synthetic", 32, List.of("Smiling"), 100);
    }

    @Test
    void runJsonKeepsEveryOptionAndOldRunJsonReadsAsNone() throws Exception {
        TrainingConfig c = TrainingConfig.defaults("synthetic", 32, List.of("Smiling"), 100).toBuilder()
                .baseChannels(16)
                .weights(LossWeights.DEFAULT.with("info", 2).with("attribute", 0.5))
                .emaDecay(0.99)
                .modelName("m")
                .tricks(ALL)
                .build();
        RunSettings.write(c, tmp);
        assertEquals(c, RunSettings.read(tmp));

        // A run folder from before the options existed has no "tricks": it resumes with none of them.
        var json = JsonParser.parseString(Files.readString(tmp.resolve(RunSettings.FILE_NAME)))
                .getAsJsonObject();
        json.remove("tricks");
        Files.writeString(tmp.resolve(RunSettings.FILE_NAME), json.toString());
        assertEquals(TrainingTricks.NONE, RunSettings.read(tmp).tricks());
        // One from before recipes too: the interpretable GAN, with none of the options.
        json.remove("recipe");
        Files.writeString(tmp.resolve(RunSettings.FILE_NAME), json.toString());
        assertEquals(Recipe.INTERPRETABLE, RunSettings.read(tmp).recipe());
        assertEquals(c.withTricks(TrainingTricks.NONE), RunSettings.read(tmp));

        // A recipe and options together round-trip.
        TrainingConfig gan = TrainingConfig.defaults("synthetic", 32, List.of(), 100).toBuilder()
                .baseChannels(16)
                .emaDecay(0.99)
                .modelName("m")
                .build()
                .withRecipe(Recipe.GAN, LossWeights.DEFAULT)
                .withTricks(ALL);
        RunSettings.write(gan, tmp);
        assertEquals(gan, RunSettings.read(tmp));
    }

    @Test
    void theManifestNamesTheOptionsThatAreSetAndOnlyThose() {
        var plain = config().hyperParameters();
        for (String key : List.of("r1Gamma", "augment", "dLearningRate", "minibatchStd", "cpuMinutes", "threads")) {
            assertFalse(plain.containsKey(key), key);
        }
        var set = config().withTricks(ALL).hyperParameters();
        assertEquals("10.0", set.get("r1Gamma"));
        assertEquals("4", set.get("r1Every"));
        assertEquals("translation,cutout", set.get("augment"));
        assertEquals("4.0E-4", set.get("dLearningRate"));
        assertEquals("true", set.get("minibatchStd"));
        assertEquals("30.0", set.get("cpuMinutes"));
        assertEquals("2,1", set.get("threads"));
    }

    @Test
    void badValuesSayWhatIsAccepted() {
        var e = assertThrows(
                IllegalArgumentException.class, () -> new TrainingTricks(0, 16, List.of("flip"), 0, false, 0, 0, 0));
        assertEquals("--augment knows color, translation, cutout; not 'flip'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TrainingTricks(-1, 16, List.of(), 0, false, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TrainingTricks(0, 16, List.of(), 2, false, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TrainingTricks(0, 16, List.of(), 0, false, -1, 0, 0));
        var share = assertThrows(IllegalArgumentException.class, () -> TrainingTricks.NONE.withOpeningShare(1.5));
        assertEquals("--opening-share must be a share between 0 and 1, not 1.5", share.getMessage());
        var w = assertThrows(IllegalArgumentException.class, () -> LossWeights.DEFAULT.with("style", 1));
        assertTrue(w.getMessage().contains("adversarial, attribute, info, latent, reconstruction, kl"), w.getMessage());
        assertEquals(3.0, LossWeights.DEFAULT.with("latent", 3).latent());
        assertEquals(
                LossWeights.DEFAULT.info(),
                LossWeights.DEFAULT.with("latent", 3).info());
    }

    @Test
    void aResumeKeepsTheRecipeButTakesNewLimits() {
        TrainingTricks resumed = ALL.withLimitsFrom(TrainingTricks.NONE.withCpuMinutes(60));
        assertEquals(60, resumed.cpuMinutes());
        assertEquals(ALL.r1Gamma(), resumed.r1Gamma());
        assertEquals(2, resumed.intraOpThreads(), "threads not given: kept");
        assertEquals(ALL, ALL.withLimitsFrom(TrainingTricks.NONE));
    }

    @Test
    void aResumeComputesInThePrecisionTheNewCommandAsksFor() {
        TrainingTricks bf16 = ALL.withBf16(true);
        assertTrue(ALL.withLimitsFrom(TrainingTricks.NONE.withBf16(true)).bf16(), "--bf16 on a resume turns it on");
        assertFalse(bf16.withLimitsFrom(TrainingTricks.NONE).bf16(), "a resume without --bf16 computes in float32");
        assertEquals(ALL, bf16.withLimitsFrom(TrainingTricks.NONE), "and keeps everything else");
        assertEquals("bf16", bf16.asMap().get("precision"));
        assertFalse(ALL.asMap().containsKey("precision"), "float32 runs keep the model card they had");
    }

    @Test
    void aCpuBudgetCountsThisProcesssCpuTimeAndEarlierSessions() {
        CpuBudget budget = new CpuBudget(0.001, 0);
        assertFalse(new CpuBudget(0, 1e9).exhausted(), "no budget, no limit");
        assertTrue(new CpuBudget(1, 61).exhausted(), "61 s used before the resume, 60 s allowed");
        long spins = 0;
        double x = 0;
        // Burn CPU until the 0.06 s budget is used (bounded, in case the clock does not move).
        while (!budget.exhausted() && spins < 2_000_000_000L) {
            x += Math.sqrt(spins++);
        }
        assertTrue(budget.exhausted(), "spun " + spins + " times (" + x + ")");
        assertTrue(budget.usedSeconds() >= 0.06, budget.summary(3));
        assertTrue(budget.summary(3).matches("steps 3, cpu \\d+\\.\\d s, wall \\d+\\.\\d s"), budget.summary(3));
    }

    @Test
    void aRecipeWithoutADiscriminatorRefusesTheOptionsThatActOnIt() {
        TrainingConfig c = TrainingConfig.defaults("synthetic", 32, List.of(), 100).toBuilder()
                .baseChannels(16)
                .emaDecay(0.99)
                .modelName("m")
                .build();
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> c.withRecipe(Recipe.VAE, LossWeights.DEFAULT).withTricks(ALL));
        assertTrue(e.getMessage().contains("--recipe vae has none"), e.getMessage());
        // The run's limits are not the discriminator's: a VAE may have a CPU budget and threads.
        TrainingTricks limits = TrainingTricks.NONE.withCpuMinutes(5).withThreads(2, 1);
        assertEquals(
                limits,
                c.withRecipe(Recipe.VAE, LossWeights.DEFAULT).withTricks(limits).tricks());
        // Both new fields survive every copy.
        TrainingConfig both = c.withRecipe(Recipe.GAN, LossWeights.DEFAULT)
                .withTricks(ALL)
                .withSteps(7)
                .withCategoricals(List.of());
        assertEquals(Recipe.GAN, both.recipe());
        assertEquals(ALL, both.tricks());
        assertEquals(ALL, both.withRecipe(Recipe.VAE_GAN, LossWeights.DEFAULT).tricks());
    }
}
