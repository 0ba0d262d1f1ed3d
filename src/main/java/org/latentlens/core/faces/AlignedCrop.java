package org.latentlens.core.faces;

import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.latentlens.core.image.ImageConversion;

/**
 * A face cut out of a photo the way the training images frame theirs: rotated so the eyes are level, scaled so the
 * face spans {@link #FACE_SPAN} of the width, eyes {@link #EYE_LINE} of the way down.
 *
 * <p>The figures follow our synthetic faces (face 38-52% of the width, eyes 41% down; see
 * docs/synthetic-faces-64px.png), which is also close to the usual square crop of aligned CelebA and UTKFace. The
 * rotation and the eye line come from the eyes when the detector found them; otherwise the crop is upright and
 * the eyes are assumed where OpenCV's frontal-face box has them ({@link #BOX_EYE_LINE} of the way down its box).
 * Parts of the crop outside the photo repeat its edge pixels, which a GAN reads far better than black.
 *
 * @param image the square crop, {@code outputSize} pixels a side
 * @param outline the crop's corners in the photo's coordinates, clockwise from the crop's top left
 * @param angleDegrees how far the photo was turned to level the eyes (the eye line's slope in the photo)
 */
public record AlignedCrop(BufferedImage image, List<Point2D.Double> outline, double angleDegrees) {
    /** Width of the face (the detector's box) as a fraction of the crop's side. */
    public static final double FACE_SPAN = 0.45;
    /** Height of the eye line as a fraction of the crop's side, from the top. */
    public static final double EYE_LINE = 0.40;
    /** Height of the eyes in a frontal-face detector's box, as a fraction of the box, from its top. */
    public static final double BOX_EYE_LINE = 0.40;
    /** Most source pixels sampled per output pixel along a side; beyond it the crop is sampled more sparsely. */
    private static final int MAX_SUPERSAMPLING = 4;

    /** Copies the outline so the record stays unchanged. */
    public AlignedCrop {
        outline = List.copyOf(outline);
    }

    /** Crops {@code face} out of {@code photo} into a square of {@code outputSize} pixels. */
    public static AlignedCrop of(BufferedImage photo, FaceBox face, int outputSize) {
        if (outputSize < 1) {
            throw new IllegalArgumentException("the crop needs at least one pixel, not " + outputSize);
        }
        double angle = face.eyes().map(FaceBox.Eyes::angleDegrees).orElse(0.0);
        double midX = face.eyes().map(FaceBox.Eyes::midX).orElse(face.centreX());
        double midY = face.eyes().map(FaceBox.Eyes::midY).orElse(face.y() + BOX_EYE_LINE * face.height());
        Frame frame = new Frame(midX, midY, face.width() / FACE_SPAN, Math.toRadians(angle));

        // Sample at about the photo's own resolution, then average down: sampling a large face straight to 64 pixels
        // would alias (the same reason ImageConversion area-averages).
        int work = (int) Math.max(outputSize, Math.min(Math.ceil(frame.side), (double) MAX_SUPERSAMPLING * outputSize));
        BufferedImage sampled = frame.sample(photo, work);
        BufferedImage image = sampled;
        if (work != outputSize) {
            image = new BufferedImage(outputSize, outputSize, BufferedImage.TYPE_INT_RGB);
            image.setRGB(
                    0,
                    0,
                    outputSize,
                    outputSize,
                    ImageConversion.squareResized(sampled, outputSize, outputSize),
                    0,
                    outputSize);
        }
        List<Point2D.Double> outline =
                List.of(frame.toPhoto(0, 0), frame.toPhoto(1, 0), frame.toPhoto(1, 1), frame.toPhoto(0, 1));
        return new AlignedCrop(image, outline, angle);
    }

    /** The crop square in the photo: the eye midpoint, the side in photo pixels and the eye line's slope. */
    private record Frame(double midX, double midY, double side, double angle) {
        /** The photo point at ({@code u}, {@code v}) of the crop, both 0..1 from its top left. */
        Point2D.Double toPhoto(double u, double v) {
            double dx = (u - 0.5) * side;
            double dy = (v - EYE_LINE) * side;
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            return new Point2D.Double(midX + dx * cos - dy * sin, midY + dx * sin + dy * cos);
        }

        /** Bilinear samples of the crop on a {@code n}x{@code n} grid, clamping at the photo's edges. */
        BufferedImage sample(BufferedImage photo, int n) {
            int w = photo.getWidth();
            int h = photo.getHeight();
            int[] src = photo.getRGB(0, 0, w, h, null, 0, w);
            int[] out = new int[n * n];
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    Point2D.Double p = toPhoto((i + 0.5) / n, (j + 0.5) / n);
                    out[j * n + i] = bilinear(src, w, h, p.x - 0.5, p.y - 0.5);
                }
            }
            BufferedImage image = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
            image.setRGB(0, 0, n, n, out, 0, n);
            return image;
        }

        private static int bilinear(int[] src, int w, int h, double x, double y) {
            x = Math.max(0, Math.min(w - 1, x));
            y = Math.max(0, Math.min(h - 1, y));
            int x0 = (int) x;
            int y0 = (int) y;
            int x1 = Math.min(x0 + 1, w - 1);
            int y1 = Math.min(y0 + 1, h - 1);
            double fx = x - x0;
            double fy = y - y0;
            int rgb = 0;
            for (int shift = 16; shift >= 0; shift -= 8) {
                double top = (src[y0 * w + x0] >> shift & 255) * (1 - fx) + (src[y0 * w + x1] >> shift & 255) * fx;
                double bottom = (src[y1 * w + x0] >> shift & 255) * (1 - fx) + (src[y1 * w + x1] >> shift & 255) * fx;
                rgb |= (int) Math.round(top * (1 - fy) + bottom * fy) << shift;
            }
            return rgb;
        }
    }
}
