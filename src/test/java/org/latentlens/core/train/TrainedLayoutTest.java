package org.latentlens.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.latentlens.core.data.ImageDataset;
import org.latentlens.core.data.Sample;
import org.latentlens.core.model.CategoricalFactor;
import org.latentlens.core.model.LatentDimension;
import org.latentlens.core.model.LatentLayout;

/** A trained model's manifest says how common each attribute is in its training images,. */
class TrainedLayoutTest {
    /** Labels only: rows of +1 / -1 / 0 (unknown), in the order of {@code attributes}. */
    private static ImageDataset labelled(List<String> attributes, float[][] rows) {
        return new ImageDataset() {
            @Override
            public String description() {
                return "labels";
            }

            @Override
            public int size() {
                return rows.length;
            }

            @Override
            public List<String> attributes() {
                return attributes;
            }

            @Override
            public Sample load(int index) {
                throw new AssertionError("counting labels must not decode images");
            }

            @Override
            public List<String> problems() {
                return List.of();
            }

            @Override
            public float[] labels(int index) {
                return rows[index];
            }
        };
    }

    // Columns: Male, Young, White, Black, Asian, Smiling (the model below does not use Smiling).
    private static final float[][] ROWS = {
        {1, 1, 1, -1, -1, 1},
        {-1, 1, 1, -1, -1, 1},
        {-1, 1, -1, 1, -1, -1},
        {-1, 0, -1, -1, 1, 1},
        {1, 1, -1, -1, 1, -1},
        {-1, -1, 1, -1, -1, 1},
        {-1, 1, 1, -1, -1, -1},
        {-1, -1, -1, -1, 1, 1},
    };
    private static final ImageDataset DATA =
            labelled(List.of("Male", "Young", "White", "Black", "Asian", "Smiling"), ROWS);

    private static TrainingConfig config(Recipe recipe) {
        return TrainingConfig.defaults("x", 16, List.of("Young", "Male", "White", "Black", "Asian"), 10).toBuilder()
                .freeDims(2)
                .recipe(recipe)
                .categoricals(List.of(new CategoricalFactor("Race", List.of("White", "Black", "Asian"))))
                .build();
    }

    @Test
    void presencesAreTheShareOfKnownLabelsThatArePositiveInTheConfigsOrder() {
        float[] p = TrainedLayout.presences(config(Recipe.INTERPRETABLE), DATA);
        assertEquals(5, p.length);
        assertEquals(5 / 7f, p[0], 1e-6, "Young: one row does not say, 5 of the other 7 are young");
        assertEquals(2 / 8f, p[1], 1e-6, "Male");
        assertEquals(4 / 8f, p[2], 1e-6, "White");
        assertEquals(1 / 8f, p[3], 1e-6, "Black");
        assertEquals(3 / 8f, p[4], 1e-6, "Asian");
    }

    @Test
    void theManifestsLayoutCarriesThemAndKeepsTheTrainingLayoutsStartingValues() {
        TrainingConfig c = config(Recipe.INTERPRETABLE);
        LatentLayout layout = TrainedLayout.of(c, TrainedLayout.presences(c, DATA));
        LatentLayout plain = TrainedLayout.of(c);
        assertEquals(5 / 7f, layout.get(0).presence(), 1e-6);
        assertEquals(1 / 8f, layout.get(3).presence(), 1e-6);
        assertFalse(layout.get(5).hasPresence(), "a free dimension has none");
        for (int i = 0; i < plain.size(); i++) {
            LatentDimension d = layout.get(i);
            assertEquals(plain.get(i), new LatentDimension(d.name(), d.kind(), d.min(), d.max(), d.defaultValue()));
        }
        assertEquals(plain.categoricals(), layout.categoricals());
    }

    @Test
    void withoutLabelsNothingIsSaidAndTheLayoutIsTheTrainingOne() {
        TrainingConfig c = config(Recipe.INFOGAN);
        float[] p = TrainedLayout.presences(c, DATA);
        for (float v : p) {
            assertTrue(Float.isNaN(v), "InfoGAN's codes only borrow the names");
        }
        assertEquals(TrainedLayout.of(c), TrainedLayout.of(c, p));
    }
}
