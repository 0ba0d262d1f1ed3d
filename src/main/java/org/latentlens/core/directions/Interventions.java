package org.latentlens.core.directions;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.latentlens.core.eval.Judge;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.LatentSampler;

/**
 * The evaluator's steerability experiment for an arbitrary direction: codes drawn from the prior are moved along
 * the direction to its low and then its high end (their position along it set to {@code min}, then {@code max};
 * for a latent axis this is exactly setting that dimension), clamped to the sliders' ranges as the app clamps
 * them, and both images are read by the judge.
 */
final class Interventions {
    private static final int PAIRS_PER_BATCH = 32;

    /** What the judge read on each intervention's low and high image, per judged attribute. */
    record Readings(boolean[][] low, boolean[][] high) {
        int count() {
            return low.length;
        }

        /**
         * Share of interventions where attribute {@code a} reads absent at the low end and present at the high end
         * ({@code up}), or the reverse.
         */
        double steerability(int a, boolean up) {
            int success = 0;
            for (int i = 0; i < count(); i++) {
                if (low[i][a] != up && high[i][a] == up) {
                    success++;
                }
            }
            return count() == 0 ? Double.NaN : (double) success / count();
        }

        /** Mean share of the attributes other than {@code a} whose reading changes; NaN with no other attribute. */
        double leakage(int a) {
            int attributes = count() == 0 ? 0 : low[0].length;
            if (attributes < 2) {
                return Double.NaN;
            }
            double sum = 0;
            for (int i = 0; i < count(); i++) {
                int changed = 0;
                for (int b = 0; b < attributes; b++) {
                    if (b != a && low[i][b] != high[i][b]) {
                        changed++;
                    }
                }
                sum += (double) changed / (attributes - 1);
            }
            return sum / count();
        }
    }

    private Interventions() {}

    /**
     * Runs {@code count} interventions along unit vector {@code direction}.
     *
     * @param judgeColumns the judge's output column of each attribute to read
     */
    static Readings run(
            GanModel model,
            Judge judge,
            int[] judgeColumns,
            double[] direction,
            double min,
            double max,
            int count,
            Random random) {
        LatentLayout layout = model.manifest().latent();
        boolean[][] low = new boolean[count][judgeColumns.length];
        boolean[][] high = new boolean[count][judgeColumns.length];
        for (int done = 0; done < count; done += PAIRS_PER_BATCH) {
            int n = Math.min(PAIRS_PER_BATCH, count - done);
            List<float[]> codes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                float[] z = LatentSampler.sample(layout, random);
                codes.add(placed(z, direction, min, layout));
                codes.add(placed(z, direction, max, layout));
            }
            FloatMatrix logits =
                    judge.read(model.generate(FloatMatrix.ofRows(codes))).logits();
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < judgeColumns.length; a++) {
                    low[done + i][a] = logits.get(2 * i, judgeColumns[a]) > 0;
                    high[done + i][a] = logits.get(2 * i + 1, judgeColumns[a]) > 0;
                }
            }
        }
        return new Readings(low, high);
    }

    /** {@code z} moved along {@code direction} until its position along it is {@code position}, then clamped. */
    static float[] placed(float[] z, double[] direction, double position, LatentLayout layout) {
        double now = 0;
        for (int i = 0; i < z.length; i++) {
            now += z[i] * direction[i];
        }
        float[] out = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = layout.get(i).clamp((float) (z[i] + (position - now) * direction[i]));
        }
        return out;
    }
}
