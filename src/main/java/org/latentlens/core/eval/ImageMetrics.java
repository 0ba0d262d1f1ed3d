package org.latentlens.core.eval;

import org.latentlens.core.model.ImageSpec;

/** PSNR and SSIM between two images of the same spec, measured on pixel values scaled to [0, 1]. */
public final class ImageMetrics {
    private static final int RADIUS = 5;
    private static final double SIGMA = 1.5;
    private static final double[] KERNEL = gaussian();

    private ImageMetrics() {}

    /** Peak signal-to-noise ratio in dB (capped at 100 for identical images). */
    public static double psnr(float[] a, float[] b, ImageSpec spec) {
        double range = spec.maxValue() - spec.minValue();
        double mse = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (a[i] - b[i]) / range;
            mse += d * d;
        }
        mse /= a.length;
        return mse == 0 ? 100 : Math.min(100, 10 * Math.log10(1 / mse));
    }

    /** Structural similarity (Wang et al. 2004): 11x11 Gaussian window, sigma 1.5, averaged over channels. */
    public static double ssim(float[] a, float[] b, ImageSpec spec) {
        int w = spec.width();
        int h = spec.height();
        int c = spec.channels();
        double range = spec.maxValue() - spec.minValue();
        double c1 = 0.0001;
        double c2 = 0.0009;
        double total = 0;
        for (int ch = 0; ch < c; ch++) {
            double[] x = new double[w * h];
            double[] y = new double[w * h];
            for (int i = 0; i < w * h; i++) {
                x[i] = (a[i * c + ch] - spec.minValue()) / range;
                y[i] = (b[i * c + ch] - spec.minValue()) / range;
            }
            double[] mx = blur(x, w, h);
            double[] my = blur(y, w, h);
            double[] xx = blur(product(x, x), w, h);
            double[] yy = blur(product(y, y), w, h);
            double[] xy = blur(product(x, y), w, h);
            double sum = 0;
            for (int i = 0; i < w * h; i++) {
                double vx = xx[i] - mx[i] * mx[i];
                double vy = yy[i] - my[i] * my[i];
                double cov = xy[i] - mx[i] * my[i];
                sum += ((2 * mx[i] * my[i] + c1) * (2 * cov + c2))
                        / ((mx[i] * mx[i] + my[i] * my[i] + c1) * (vx + vy + c2));
            }
            total += sum / (w * h);
        }
        return total / c;
    }

    private static double[] product(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * b[i];
        }
        return out;
    }

    /** Separable Gaussian blur; the window is renormalised at the borders. */
    private static double[] blur(double[] v, int w, int h) {
        double[] tmp = new double[v.length];
        double[] out = new double[v.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                double n = 0;
                for (int k = -RADIUS; k <= RADIUS; k++) {
                    int xx = x + k;
                    if (xx >= 0 && xx < w) {
                        s += KERNEL[k + RADIUS] * v[y * w + xx];
                        n += KERNEL[k + RADIUS];
                    }
                }
                tmp[y * w + x] = s / n;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                double n = 0;
                for (int k = -RADIUS; k <= RADIUS; k++) {
                    int yy = y + k;
                    if (yy >= 0 && yy < h) {
                        s += KERNEL[k + RADIUS] * tmp[yy * w + x];
                        n += KERNEL[k + RADIUS];
                    }
                }
                out[y * w + x] = s / n;
            }
        }
        return out;
    }

    private static double[] gaussian() {
        double[] k = new double[2 * RADIUS + 1];
        for (int i = -RADIUS; i <= RADIUS; i++) {
            k[i + RADIUS] = Math.exp(-i * i / (2 * SIGMA * SIGMA));
        }
        return k;
    }
}
