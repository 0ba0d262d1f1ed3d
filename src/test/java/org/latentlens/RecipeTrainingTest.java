package org.latentlens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.latentlens.core.model.CategoricalFactor;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.ModelRole;
import org.latentlens.core.train.Checkpoint;
import org.latentlens.core.train.CheckpointStore;
import org.latentlens.core.train.Recipe;
import org.latentlens.core.train.TrainingConfig;
import org.latentlens.core.train.TrainingListener;
import org.latentlens.core.train.TrainingProgress;
import org.latentlens.tensorflow.TfModelTrainer;

/**
 * Every recipe trains two real steps at 16 px, exports a bundle that opens through the app's loaders and
 * generates, and trains exactly the networks and loss terms the recipe names.
 */
class RecipeTrainingTest {
    @TempDir
    Path tmp;

    static TrainingConfig tiny(Recipe recipe) {
        List<String> attributes = switch (recipe) {
            case INTERPRETABLE, SS_INFOGAN -> List.of("Smiling", "Eyeglasses");
            // InfoGAN's codes need no labels: names the synthetic data does not have.
            case INFOGAN -> List.of("code_0", "code_1", "code_2");
            default -> List.of();
        };
        TrainingConfig c = TrainingConfig.defaults("synthetic", 16, attributes, 2).toBuilder()
                .freeDims(3)
                .batchSize(4)
                .labelFraction(0.5)
                .seed(3)
                .baseChannels(4)
                .maxChannels(16)
                .hiddenUnits(16)
                .weights(recipe.weights(16, 16, null))
                .checkpointEvery(10)
                .sampleEvery(2)
                .emaDecay(0.99)
                .modelName("tiny-" + recipe.key())
                .build()
                .withRecipe(recipe, recipe.weights(16, 16, null));
        return recipe == Recipe.INFOGAN
                ? c.withCategoricals(List.of(CategoricalFactor.parse("code=code_0,code_1,code_2")))
                : c;
    }

    @ParameterizedTest
    @EnumSource(Recipe.class)
    void eachRecipeTrainsItsOwnTermsAndExportsABundleThatOpensAndGenerates(Recipe recipe) throws Exception {
        Path run = tmp.resolve("run");
        List<TrainingProgress> progress = new ArrayList<>();
        TrainingListener listener = progress::add;
        assertTrue(new TfModelTrainer()
                .train(tiny(recipe), run, false, listener, () -> false)
                .completed());
        assertEquals(2, progress.size());
        for (TrainingProgress p : progress) {
            assertEquals(recipe.terms(), p.losses().keySet(), "the terms of " + recipe);
            assertTrue(
                    p.losses().values().stream().allMatch(Double::isFinite),
                    p.losses().toString());
        }
        try (GanModel model = ModelLoaders.standard().load(run)) {
            assertEquals(recipe.key(), model.manifest().training().recipe());
            assertEquals(recipe.hasEncoder(), model.supports(ModelRole.ENCODE), "encode of " + recipe);
            assertEquals(
                    recipe.hasDiscriminator(), model.supports(ModelRole.DISCRIMINATE), "discriminate of " + recipe);
            int dims = model.manifest().latent().size();
            float[] z = new float[dims];
            z[0] = 1f;
            ImageBatch images = model.generate(FloatMatrix.ofRow(z));
            assertEquals(16, images.height());
            assertTrue(model.manifest().description().contains("recipe " + recipe.key()));
        }
        Map<String, float[]> first = checkpoint(run, 0);
        Map<String, float[]> last = checkpoint(run, 2);
        assertEquals(recipe.hasEncoder(), first.keySet().stream().anyMatch(k -> k.startsWith("E.")));
        assertEquals(recipe.hasDiscriminator(), first.keySet().stream().anyMatch(k -> k.startsWith("D.")));
        assertTrue(moved(first, last, "G.fc.w"), "G trains in " + recipe);
        switch (recipe) {
            case AE -> {
                assertTrue(moved(first, last, "E.free_mean.w"));
                assertFalse(moved(first, last, "E.free_logvar.w"), "a plain autoencoder has no variance to learn");
            }
            case VAE, VAE_GAN -> assertTrue(moved(first, last, "E.free_logvar.w"), "the KL trains E's variance");
            case INFOGAN, SS_INFOGAN -> {
                assertTrue(moved(first, last, "D.q_continuous.w"), "Q's continuous head trains");
                assertTrue(moved(first, last, "D.attributes.w"), "Q's code head trains");
            }
            default -> {}
        }
    }

    private static Map<String, float[]> checkpoint(Path run, long step) throws Exception {
        CheckpointStore store = new CheckpointStore(run.resolve("checkpoints"));
        for (Path p : store.list()) {
            Checkpoint c = CheckpointStore.read(p);
            if (c.step() == step) {
                return new HashMap<>(c.values());
            }
        }
        throw new AssertionError("no checkpoint of step " + step + " in " + store.steps());
    }

    private static boolean moved(Map<String, float[]> a, Map<String, float[]> b, String name) {
        assertTrue(a.containsKey(name), name + " exists; names: " + a.keySet());
        return !Arrays.equals(a.get(name), b.get(name));
    }
}
