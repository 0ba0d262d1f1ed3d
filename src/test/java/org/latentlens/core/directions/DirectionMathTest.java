package org.latentlens.core.directions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The direction math on synthetic data whose answer is known. */
class DirectionMathTest {
    private static final int D = 8;

    @Test
    void aLogisticBoundaryOnSignLabelsRecoversTheTrueNormal() {
        Random r = new Random(3);
        double[] w = LatentVectors.unit(gaussian(r, D));
        double[][] z = new double[2000][];
        double[] labels = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = gaussian(r, D);
            labels[i] = LatentVectors.dot(w, z[i]) > 0 ? 1 : 0;
        }
        LogisticBoundary.Fit fit = LogisticBoundary.fit(z, labels, LogisticBoundary.DEFAULT_L2);
        double angle = LatentVectors.angleDegrees(fit.normal(), w);
        assertTrue(angle < 5, "the normal is within 5 degrees of the truth: " + angle);
        assertArrayEquals(
                fit.weights(),
                LogisticBoundary.fit(z, labels, LogisticBoundary.DEFAULT_L2).weights(),
                "deterministic");
    }

    @Test
    void softTargetsGiveTheNormalAndTheOffset() {
        Random r = new Random(4);
        double[] w = LatentVectors.unit(gaussian(r, D));
        double[][] z = new double[3000][];
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = gaussian(r, D);
            p[i] = 1 / (1 + Math.exp(-(3 * LatentVectors.dot(w, z[i]) - 1)));
        }
        LogisticBoundary.Fit fit = LogisticBoundary.fit(z, p, 1e-4);
        assertTrue(
                LatentVectors.angleDegrees(fit.normal(), w) < 3,
                "angle " + LatentVectors.angleDegrees(fit.normal(), w));
        assertEquals(3, LatentVectors.norm(fit.weights()), 0.15, "soft targets are fitted as probabilities");
        assertEquals(-1, fit.bias(), 0.1);
    }

    @Test
    void principalDirectionsAreTheLatentMovesThatChangeTheImageMost() {
        // x = A z with A^T A = 25 u1 u1^T + 4 u2 u2^T + e2 e2^T: the answers are u1, u2, e2 with variances 25, 4, 1.
        double[] u1 = LatentVectors.unit(new double[] {1, 1, 0, 0});
        double[] u2 = LatentVectors.unit(new double[] {1, -1, 0, 0});
        double[] e2 = LatentVectors.axis(4, 2);
        double[][] pixelsOf = {{1, 0, 0, 0, 0, 0}, {0, 0, 0.6, 0.8, 0, 0}, {0, 0, 0, 0, 0, 1}};
        double[] gains = {5, 2, 1};
        double[][] moves = {u1, u2, e2};
        ImagePrincipalDirections pca = new ImagePrincipalDirections(4, 6);
        Random r = new Random(5);
        double[] scales = {1, 2, 0.5, 1};
        for (int n = 0; n < 500; n++) {
            float[] z = new float[4];
            for (int i = 0; i < 4; i++) {
                // An anisotropic prior with an offset: the least-squares map does not assume an isotropic one.
                z[i] = (float) (scales[i] * r.nextGaussian() + 0.3);
            }
            float[] x = new float[6];
            for (int k = 0; k < 3; k++) {
                double c = gains[k] * dotF(moves[k], z);
                for (int p = 0; p < 6; p++) {
                    x[p] += (float) (c * pixelsOf[k][p]) + 0.7f;
                }
            }
            pca.add(z, x);
        }
        List<ImagePrincipalDirections.Component> top = pca.top(3);
        for (int k = 0; k < 3; k++) {
            double angle = LatentVectors.angleDegrees(top.get(k).direction(), moves[k]);
            assertTrue(Math.min(angle, 180 - angle) < 0.5, "component " + k + " is off by " + angle + " degrees");
            assertEquals(gains[k] * gains[k], top.get(k).imageVariance(), 1e-2 * gains[k] * gains[k]);
        }
    }

    @Test
    void aConditionalStepMovesAlongTheDirectionAndNotAlongLockedOnes() {
        double[] smile = LatentVectors.unit(new double[] {1, 0.5, 0, 0.2});
        double[] age = LatentVectors.unit(new double[] {0.6, 0, 1, 0});
        double[] lockedAxis = LatentVectors.axis(4, 1);
        double[] step =
                LatentVectors.conditionalStep(smile, List.of(age, lockedAxis)).orElseThrow();
        assertEquals(1, LatentVectors.dot(step, smile), 1e-12, "a unit of slider is a unit along the direction");
        assertEquals(0, LatentVectors.dot(step, age), 1e-12, "the locked direction's position stays");
        assertEquals(0, step[1], 1e-12, "the locked latent dimension stays");
        assertTrue(LatentVectors.conditionalStep(smile, List.of(smile)).isEmpty(), "a locked direction cannot move");
        assertArrayEquals(
                smile,
                LatentVectors.conditionalStep(smile, List.of()).orElseThrow(),
                1e-12,
                "unconstrained, the step is the direction itself");
    }

    private static double dotF(double[] a, float[] z) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * z[i];
        }
        return s;
    }

    private static double[] gaussian(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }
}
