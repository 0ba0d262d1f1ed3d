package org.latentlens.core.directions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.latentlens.core.eval.Judge;
import org.latentlens.core.eval.JudgeInfo;
import org.latentlens.core.model.FakeGanModel;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.ModelManifest;

/**
 * The finder on a fake generator whose images depend on the first latent value only (flat grey at z0 / 3) and a
 * fake judge that reads brightness: every direction it finds must be that first axis.
 */
class DirectionFinderTest {
    @Test
    void findsTheOneAxisThatMattersNamesItAndMeasuresIt() {
        LatentLayout layout = LatentLayout.of(List.of("Bright"), 4, 1.5f, 3f);
        ModelManifest manifest = new ModelManifest(
                1, "fake", "", ImageSpec.rgbSquare(4), layout, List.of("Bright"), List.of("generate"), null, Map.of());
        List<String> attributes = List.of("Bright", "VeryBright");
        List<LatentDirection> found;
        try (FakeGanModel model = new FakeGanModel(manifest);
                Judge judge = new BrightnessJudge(attributes)) {
            DirectionFinder finder = new DirectionFinder(model, judge, attributes, line -> {});
            DirectionFinder.Settings settings =
                    new DirectionFinder.Settings(400, 2, 50, 1.5, LogisticBoundary.DEFAULT_L2, 1);
            found = finder.find(settings);
            assertEquals(
                    1.0,
                    finder.baseline(found.get(0), settings).orElseThrow().steerability(),
                    1e-9,
                    "the model's own Bright slider, measured on the same codes");
            assertTrue(finder.baseline(found.get(1), settings).isEmpty(), "the model has no VeryBright slider");
        }
        assertEquals(
                List.of("Bright", "VeryBright", "PC1", "PC2"),
                found.stream().map(LatentDirection::name).toList());
        for (LatentDirection d : found.subList(0, 3)) {
            double angle = LatentVectors.angleDegrees(d.unitVector(), LatentVectors.axis(5, 0));
            assertTrue(angle < 10, d.name() + " points along the first axis, towards brighter: " + angle + " degrees");
        }
        LatentDirection bright = found.get(0);
        assertEquals(DirectionKind.SUPERVISED, bright.kind());
        assertEquals(1.0, bright.steerability(), 1e-9, "low end dark, high end bright, every time");
        assertEquals(1.0, bright.leakage(), 1e-9, "VeryBright, the only other attribute, flips with it");
        assertTrue(bright.min() < -1 && bright.max() > 1, "about ±1.5 prior deviations: " + bright.min());
        LatentDirection pc1 = found.get(2);
        assertEquals(DirectionKind.UNSUPERVISED, pc1.kind());
        assertEquals("Bright", pc1.attribute(), "named after the attribute the judge sees it move");
        assertEquals(1.0, pc1.steerability(), 1e-9);
        LatentDirection pc2 = found.get(3);
        assertEquals(0, Math.abs(pc2.unitVector()[0]), 1e-6, "PC2 is orthogonal to the only axis that draws");
        assertEquals("", pc2.attribute(), "and moves nothing the judge reads");
        assertEquals(0, pc2.steerability());
    }

    /** Reads "Bright" when the mean pixel is above 0 and "VeryBright" above 0.2. */
    private record BrightnessJudge(List<String> attributes) implements Judge {
        @Override
        public JudgeInfo info() {
            return new JudgeInfo("fake", attributes, 4, 0, Map.of());
        }

        @Override
        public Reading read(ImageBatch images) {
            float[] logits = new float[images.count() * 2];
            for (int i = 0; i < images.count(); i++) {
                double mean = 0;
                for (float v : images.image(i)) {
                    mean += v;
                }
                mean /= images.valuesPerImage();
                logits[2 * i] = (float) (40 * mean);
                logits[2 * i + 1] = (float) (40 * (mean - 0.2));
            }
            return new Reading(
                    new FloatMatrix(images.count(), 2, logits), new FloatMatrix(images.count(), 0, new float[0]));
        }

        @Override
        public void close() {}
    }
}
