package org.latentlens.tensorflow.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.latentlens.core.train.LossWeights;

class TrainingGraphTest {
    /** The exported generator averages G's weights after the step, as docs/training.md says, not the step before. */
    @Test
    void theMovingAverageTakesInGsWeightsAfterTheStep() {
        GanArchitecture arch = new GanArchitecture(16, 3, 2, 3, 2, 8, 32, 32);
        int n = 4;
        Random r = new Random(1);
        float[] images = new float[n * 16 * 16 * 3];
        for (int i = 0; i < images.length; i++) {
            images[i] = r.nextFloat() * 2 - 1;
        }
        float[] labels = {1, -1, -1, 1, 1, 1, -1, -1};
        float[] mask = {1, 1, 1, 1, 1, 1, 1, 1};
        float[] semantic = {1, -1, 0.7f, 1.2f, -0.8f, -1.3f, 1, 0.6f};
        float[] target = new float[semantic.length];
        for (int i = 0; i < semantic.length; i++) {
            target[i] = semantic[i] > 0 ? 1 : 0;
        }
        float[] free = new float[n * 3];
        float[] noise = new float[n * 3];
        for (int i = 0; i < free.length; i++) {
            free[i] = (float) r.nextGaussian();
            noise[i] = (float) r.nextGaussian();
        }
        float decay = 0.25f;
        try (TrainingGraph graph = new TrainingGraph(arch, LossWeights.DEFAULT)) {
            graph.initialize(3);
            Map<String, float[]> before = graph.state();
            graph.step(new TrainingGraph.StepInput(
                    n,
                    images,
                    labels,
                    mask,
                    semantic,
                    target,
                    free,
                    noise,
                    2e-4f,
                    TrainingGraph.BETA1,
                    TrainingGraph.BETA2,
                    decay));
            Map<String, float[]> after = graph.state();
            int checked = 0;
            for (String name : before.keySet()) {
                if (!name.startsWith(GanNetworks.GENERATOR + ".")) {
                    continue;
                }
                float[] g0 = before.get(name);
                float[] g1 = after.get(name);
                float[] ema = after.get(GanNetworks.GENERATOR_EMA + name.substring(GanNetworks.GENERATOR.length()));
                for (int i = 0; i < g0.length; i++) {
                    assertEquals(decay * g0[i] + (1 - decay) * g1[i], ema[i], 1e-7, name + "[" + i + "]");
                }
                checked++;
            }
            assertTrue(checked > 0 && !Arrays.equals(before.get("G.fc.w"), after.get("G.fc.w")), "G moved");
        }
    }
}
