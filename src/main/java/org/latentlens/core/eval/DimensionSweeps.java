package org.latentlens.core.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.LatentDimension;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.LatentSampler;

/**
 * Sweeps each latent dimension of a generator and reads the images through a judge: for each of {@code bases}
 * codes sampled from the prior, the dimension is set to {@code steps} evenly spaced values from its minimum to its
 * maximum (the other dimensions kept), and the judge's probability of every attribute is read on each image.
 */
public final class DimensionSweeps {
    private static final int BATCH = 64;

    private DimensionSweeps() {}

    /**
     * Judged probabilities per dimension name, [base][step][attribute] in the judge's attribute order.
     *
     * @param steps at least 2
     */
    public static Map<String, double[][][]> sweep(GanModel model, Judge judge, int bases, int steps, long seed) {
        if (bases < 1 || steps < 2) {
            throw new IllegalArgumentException(
                    "a sweep needs at least 1 base code and 2 steps, not " + bases + " and " + steps);
        }
        LatentLayout layout = model.manifest().latent();
        int attributes = judge.attributes().size();
        Map<String, double[][][]> out = new LinkedHashMap<>();
        for (int dim = 0; dim < layout.size(); dim++) {
            LatentDimension spec = layout.get(dim);
            Random r = new Random(seed * 131 + dim);
            List<float[]> codes = new ArrayList<>();
            for (int b = 0; b < bases; b++) {
                float[] z = LatentSampler.sample(layout, r);
                for (int k = 0; k < steps; k++) {
                    float[] c = z.clone();
                    c[dim] = spec.at((double) k / (steps - 1));
                    codes.add(c);
                }
            }
            double[][][] p = new double[bases][steps][attributes];
            for (int start = 0; start < codes.size(); start += BATCH) {
                List<float[]> chunk = codes.subList(start, Math.min(codes.size(), start + BATCH));
                FloatMatrix logits =
                        judge.read(model.generate(FloatMatrix.ofRows(chunk))).logits();
                for (int i = 0; i < chunk.size(); i++) {
                    int index = start + i;
                    for (int a = 0; a < attributes; a++) {
                        p[index / steps][index % steps][a] = 1 / (1 + Math.exp(-logits.get(i, a)));
                    }
                }
            }
            out.put(spec.name(), p);
        }
        return out;
    }
}
