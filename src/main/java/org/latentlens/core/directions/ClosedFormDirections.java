package org.latentlens.core.directions;

import java.util.ArrayList;
import java.util.List;
import org.latentlens.core.eval.SymmetricEigen;

/**
 * SeFa (Shen and Zhou 2021, "Closed-Form Factorization of Latent Semantics in GANs"): the latent directions that
 * the generator's first layer amplifies most, found from its weights alone, without sampling. A unit move
 * {@code n} in the code moves the first layer's output by {@code n · W}; the directions that maximise
 * {@code ‖n · W‖²} are the top eigenvectors of {@code W Wᵀ}.
 */
public final class ClosedFormDirections {
    private ClosedFormDirections() {}

    /**
     * The {@code k} unit directions the first layer amplifies most, strongest first (fewer when the code is
     * shorter).
     */
    public static List<double[]> top(LatentProjection p, int k) {
        int d = p.latentDims();
        int h = p.outputs();
        float[] w = p.weights();
        double[][] gram = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double sum = 0;
                for (int c = 0; c < h; c++) {
                    sum += (double) w[i * h + c] * w[j * h + c];
                }
                gram[i][j] = sum;
                gram[j][i] = sum;
            }
        }
        SymmetricEigen.Decomposition e = SymmetricEigen.descending(gram);
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < Math.min(k, d); i++) {
            out.add(e.vectors()[i].clone());
        }
        return out;
    }
}
