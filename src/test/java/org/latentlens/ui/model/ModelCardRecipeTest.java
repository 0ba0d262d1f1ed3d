package org.latentlens.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.latentlens.core.model.TrainingRecord;
import org.latentlens.core.train.Recipe;

class ModelCardRecipeTest {
    @Test
    void theCardExplainsTheRecipeAndOldModelsAreInterpretable() {
        String gan = ModelCardViewModel.recipe(new TrainingRecord("synthetic", 10, "", Map.of(), "gan"));
        assertTrue(gan.startsWith("Recipe: gan. ") && gan.contains("no encoder"), gan);
        assertEquals(
                "Recipe: interpretable. " + Recipe.INTERPRETABLE.card(),
                ModelCardViewModel.recipe(new TrainingRecord("synthetic", 10, "", Map.of())));
        assertEquals(
                "Recipe: wgan-gp.", ModelCardViewModel.recipe(new TrainingRecord("x", 1, "", Map.of(), "wgan-gp")));
        for (Recipe r : Recipe.values()) {
            assertEquals(2, r.card().split("\\. (?=[A-Z])").length, "two sentences for " + r + ": " + r.card());
        }
    }
}
