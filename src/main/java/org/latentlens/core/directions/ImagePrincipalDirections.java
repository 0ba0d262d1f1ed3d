package org.latentlens.core.directions;

import java.util.ArrayList;
import java.util.List;
import org.latentlens.core.eval.SymmetricEigen;

/**
 * Unsupervised latent directions: the unit moves in latent space that change the generated image most, under the
 * best linear model of the generator.
 *
 * <p>From sampled pairs (z, G(z)) it fits the least-squares linear map {@code x ≈ A z + c} (A maps a latent move
 * to a pixel change) and returns the top eigenvectors of {@code AᵀA}: the unit vectors u with the largest
 * {@code |A u|²}, the image variance a unit move along u explains. This is GANSpace (Härkönen et al., NeurIPS 2020)
 * with the output image as the feature space: GANSpace takes the principal components of a layer's activations
 * and regresses them onto z; here the layer is the image, which every generator exposes (a bundle's intermediate
 * activations are not reachable through its signatures), and the regression is folded into the eigenproblem.
 * Directions come out orthonormal and ordered by how much of the image they move; which attribute each moves is
 * for a judge to say afterwards. Large-area factors (hair, skin, background) rank above small ones (eyeglasses).
 */
public final class ImagePrincipalDirections {
    private final int latentSize;
    private final int pixelValues;
    private final double[] sumZ;
    private final double[] sumX;
    private final double[][] sumZz;
    private final double[][] sumZx;
    private long count;

    /**
     * A direction and the image variance a unit move along it explains.
     *
     * @param direction unit vector in latent coordinates
     * @param imageVariance sum over pixel values of the squared change per unit move
     */
    public record Component(double[] direction, double imageVariance) {}

    /** Accumulates pairs of {@code latentSize}-long codes and images of {@code pixelValues} values. */
    public ImagePrincipalDirections(int latentSize, int pixelValues) {
        this.latentSize = latentSize;
        this.pixelValues = pixelValues;
        sumZ = new double[latentSize];
        sumX = new double[pixelValues];
        sumZz = new double[latentSize][latentSize];
        sumZx = new double[latentSize][pixelValues];
    }

    /** Adds one code and the image generated from it. */
    public void add(float[] z, float[] image) {
        if (z.length != latentSize || image.length != pixelValues) {
            throw new IllegalArgumentException("expected a code of " + latentSize + " and an image of " + pixelValues
                    + " values, got " + z.length + " and " + image.length);
        }
        count++;
        for (int p = 0; p < pixelValues; p++) {
            sumX[p] += image[p];
        }
        for (int a = 0; a < latentSize; a++) {
            double za = z[a];
            sumZ[a] += za;
            for (int b = 0; b < latentSize; b++) {
                sumZz[a][b] += za * z[b];
            }
            double[] row = sumZx[a];
            for (int p = 0; p < pixelValues; p++) {
                row[p] += za * image[p];
            }
        }
    }

    /** Pairs added so far. */
    public long count() {
        return count;
    }

    /** The {@code k} directions that move the image most, largest first; needs more pairs than latent dimensions. */
    public List<Component> top(int k) {
        if (count <= latentSize) {
            throw new IllegalStateException(
                    "need more than " + latentSize + " samples to fit a linear map, have " + count);
        }
        double[][] czz = new double[latentSize][latentSize];
        double[][] czx = new double[latentSize][pixelValues];
        for (int a = 0; a < latentSize; a++) {
            double ma = sumZ[a] / count;
            for (int b = 0; b < latentSize; b++) {
                czz[a][b] = sumZz[a][b] / count - ma * sumZ[b] / count;
            }
            for (int p = 0; p < pixelValues; p++) {
                czx[a][p] = sumZx[a][p] / count - ma * sumX[p] / count;
            }
        }
        // A = Czx^T Czz^-1 (pixels x latent), so A^T A = Czz^-1 (Czx Czx^T) Czz^-1.
        double[][] s = new double[latentSize][latentSize];
        for (int a = 0; a < latentSize; a++) {
            for (int b = 0; b <= a; b++) {
                s[a][b] = LatentVectors.dot(czx[a], czx[b]);
                s[b][a] = s[a][b];
            }
        }
        double[][] inverse = new double[latentSize][];
        for (int a = 0; a < latentSize; a++) {
            inverse[a] = Cholesky.solve(czz, LatentVectors.axis(latentSize, a));
        }
        double[][] m = multiply(multiply(inverse, s), inverse);
        for (int a = 0; a < latentSize; a++) {
            for (int b = 0; b < a; b++) {
                double mean = (m[a][b] + m[b][a]) / 2;
                m[a][b] = mean;
                m[b][a] = mean;
            }
        }
        SymmetricEigen.Decomposition e = SymmetricEigen.descending(m);
        List<Component> out = new ArrayList<>();
        for (int i = 0; i < Math.min(k, latentSize); i++) {
            out.add(new Component(canonicalSign(e.vectors()[i]), Math.max(0, e.values()[i])));
        }
        return out;
    }

    /** An eigenvector's sign is arbitrary; fixing it (largest entry positive) makes runs comparable. */
    private static double[] canonicalSign(double[] v) {
        int largest = 0;
        for (int i = 1; i < v.length; i++) {
            if (Math.abs(v[i]) > Math.abs(v[largest])) {
                largest = i;
            }
        }
        double[] out = LatentVectors.unit(v);
        if (out[largest] < 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] = -out[i];
            }
        }
        return out;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double aik = a[i][k];
                for (int j = 0; j < n; j++) {
                    out[i][j] += aik * b[k][j];
                }
            }
        }
        return out;
    }
}
