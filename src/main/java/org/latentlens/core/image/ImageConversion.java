package org.latentlens.core.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import org.latentlens.core.model.ImageSpec;

/**
 * Converts between pictures and model input: centre crop, resize, and the manifest's value range.
 */
public final class ImageConversion {
    private ImageConversion() {}

    /** Centre-crops to a square, resizes to the spec's size and maps pixels into its value range (HWC). */
    public static float[] toModelInput(BufferedImage image, ImageSpec spec) {
        int[] rgb = squareResized(image, spec.width(), spec.height());
        float[] out = new float[spec.pixelValues()];
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i];
            int r = (p >> 16) & 255;
            int g = (p >> 8) & 255;
            int b = p & 255;
            if (spec.channels() == 3) {
                out[3 * i] = spec.fromByte(r);
                out[3 * i + 1] = spec.fromByte(g);
                out[3 * i + 2] = spec.fromByte(b);
            } else {
                out[i] = spec.fromByte(Math.round(0.299f * r + 0.587f * g + 0.114f * b));
            }
        }
        return out;
    }

    /** Turns one model image (HWC in the spec's range) back into a picture. */
    public static BufferedImage toImage(float[] hwc, ImageSpec spec) {
        int w = spec.width();
        int h = spec.height();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        // Written straight into the picture's own pixels: the explorer makes one picture per frame, and a
        // setRGB copy would double that garbage.
        int[] rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < rgb.length; i++) {
            if (spec.channels() == 3) {
                rgb[i] = (spec.toByte(hwc[3 * i]) << 16)
                        | (spec.toByte(hwc[3 * i + 1]) << 8)
                        | spec.toByte(hwc[3 * i + 2]);
            } else {
                int v = spec.toByte(hwc[i]);
                rgb[i] = (v << 16) | (v << 8) | v;
            }
        }
        return image;
    }

    /** The centre square of {@code image}, resized to {@code w}x{@code h}, as packed RGB. */
    public static int[] squareResized(BufferedImage image, int w, int h) {
        int side = Math.min(image.getWidth(), image.getHeight());
        int x0 = (image.getWidth() - side) / 2;
        int y0 = (image.getHeight() - side) / 2;
        int[] src = image.getRGB(x0, y0, side, side, null, 0, side);
        if (side == w && side == h) {
            return src;
        }
        return side > w ? areaAverage(src, side, w, h) : bilinear(src, side, w, h);
    }

    /** Downscaling: each target pixel averages the source area it covers, so no detail aliases. */
    private static int[] areaAverage(int[] src, int side, int w, int h) {
        int[] out = new int[w * h];
        double sx = (double) side / w;
        double sy = (double) side / h;
        for (int ty = 0; ty < h; ty++) {
            double y0 = ty * sy;
            double y1 = y0 + sy;
            for (int tx = 0; tx < w; tx++) {
                double x0 = tx * sx;
                double x1 = x0 + sx;
                double r = 0, g = 0, b = 0, weight = 0;
                for (int y = (int) y0; y < Math.min(side, Math.ceil(y1)); y++) {
                    double wy = Math.min(y + 1, y1) - Math.max(y, y0);
                    for (int x = (int) x0; x < Math.min(side, Math.ceil(x1)); x++) {
                        double wx = Math.min(x + 1, x1) - Math.max(x, x0);
                        double wgt = wx * wy;
                        int p = src[y * side + x];
                        r += ((p >> 16) & 255) * wgt;
                        g += ((p >> 8) & 255) * wgt;
                        b += (p & 255) * wgt;
                        weight += wgt;
                    }
                }
                out[ty * w + tx] = pack(r / weight, g / weight, b / weight);
            }
        }
        return out;
    }

    private static int[] bilinear(int[] src, int side, int w, int h) {
        int[] out = new int[w * h];
        for (int ty = 0; ty < h; ty++) {
            double fy = Math.max(0, (ty + 0.5) * side / h - 0.5);
            int y0 = Math.min((int) fy, side - 1);
            int y1 = Math.min(y0 + 1, side - 1);
            double dy = fy - y0;
            for (int tx = 0; tx < w; tx++) {
                double fx = Math.max(0, (tx + 0.5) * side / w - 0.5);
                int x0 = Math.min((int) fx, side - 1);
                int x1 = Math.min(x0 + 1, side - 1);
                double dx = fx - x0;
                double[] c = new double[3];
                for (int ch = 0; ch < 3; ch++) {
                    int shift = 16 - 8 * ch;
                    double top = ((src[y0 * side + x0] >> shift) & 255) * (1 - dx)
                            + ((src[y0 * side + x1] >> shift) & 255) * dx;
                    double bot = ((src[y1 * side + x0] >> shift) & 255) * (1 - dx)
                            + ((src[y1 * side + x1] >> shift) & 255) * dx;
                    c[ch] = top * (1 - dy) + bot * dy;
                }
                out[ty * w + tx] = pack(c[0], c[1], c[2]);
            }
        }
        return out;
    }

    private static int pack(double r, double g, double b) {
        return (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
