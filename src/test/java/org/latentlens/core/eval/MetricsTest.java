package org.latentlens.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.latentlens.core.model.ImageSpec;

class MetricsTest {
    @Test
    void frechetDistanceIsZeroForOneSetAndTheSquaredShiftForAShiftedCopy() {
        Random r = new Random(1);
        double[][] a = new double[400][5];
        double[][] b = new double[400][5];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < 5; j++) {
                a[i][j] = r.nextGaussian() * (j + 1);
                b[i][j] = a[i][j] + (j == 2 ? 3 : 0);
            }
        }
        assertEquals(0, FrechetDistance.between(a, a), 1e-6);
        assertEquals(9, FrechetDistance.between(a, b), 1e-6);
        double[][] scaled = new double[400][5];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < 5; j++) {
                scaled[i][j] = 2 * a[i][j];
            }
        }
        // Same mean, covariance 4x: Tr(S + 4S - 2*2S) = Tr(S).
        double traceS = 0;
        double[][] s = FrechetDistance.multiply(new double[][] {{1}}, new double[][] {{1}});
        assertEquals(1, s[0][0]);
        for (int j = 0; j < 5; j++) {
            double var = 0;
            for (double[] row : a) {
                var += row[j] * row[j];
            }
            traceS += var / 399;
        }
        assertEquals(traceS, FrechetDistance.between(a, scaled), traceS * 0.02);
    }

    @Test
    void psnrAndSsimRankIdenticalAboveNoisyAboveUnrelated() {
        ImageSpec spec = ImageSpec.rgbSquare(32);
        Random r = new Random(2);
        float[] x = new float[spec.pixelValues()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.01) * 0.8f;
        }
        float[] noisy = x.clone();
        float[] unrelated = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            noisy[i] += (float) r.nextGaussian() * 0.05f;
            unrelated[i] = (float) r.nextGaussian() * 0.5f;
        }
        assertEquals(100, ImageMetrics.psnr(x, x, spec));
        assertEquals(1, ImageMetrics.ssim(x, x, spec), 1e-9);
        double psnrNoisy = ImageMetrics.psnr(x, noisy, spec);
        assertEquals(10 * Math.log10(1 / Math.pow(0.025, 2)), psnrNoisy, 0.5, "noise of 0.025 in [0,1] units");
        assertTrue(ImageMetrics.ssim(x, noisy, spec) > ImageMetrics.ssim(x, unrelated, spec) + 0.3);
        assertTrue(psnrNoisy > ImageMetrics.psnr(x, unrelated, spec) + 10);
    }
}
