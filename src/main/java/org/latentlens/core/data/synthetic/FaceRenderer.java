package org.latentlens.core.data.synthetic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.GeneralPath;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Draws a synthetic face from its factors with Java2D. Shapes are laid out on a 100x100 canvas and
 * scaled, so any size from 32 to 256 pixels shows the same face.
 */
public final class FaceRenderer {
    private static final double CANVAS = 100;

    private FaceRenderer() {}

    /** Renders {@code f} as a {@code size}x{@code size} RGB image. */
    public static BufferedImage render(FaceFactors f, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.scale(size / CANVAS, size / CANVAS);
            drawBackground(g, f);
            SplittableRandom nuisance = new SplittableRandom(f.noiseSeed());
            Color clothes = Color.getHSBColor(
                    (float) nuisance.nextDouble(), 0.45f, 0.35f + 0.4f * (float) nuisance.nextDouble());

            double cx = 50 + 4 * f.jitterX();
            double cy = 46 + 3 * f.jitterY();
            AffineTransform base = g.getTransform();
            g.translate(cx, cy);
            g.scale(f.scale(), f.scale());
            drawShoulders(g, clothes, f);
            g.rotate(Math.toRadians(12 * f.headTilt()), 0, 26);
            drawHead(g, f);
            g.setTransform(base);
            drawLighting(g, f);
        } finally {
            g.dispose();
        }
        addNoise(image, f.noiseSeed());
        return image;
    }

    private static void drawBackground(Graphics2D g, FaceFactors f) {
        float hue = (float) f.backgroundHue();
        g.setPaint(new GradientPaint(
                0, 0, Color.getHSBColor(hue, 0.30f, 0.88f), 0, (float) CANVAS, Color.getHSBColor(hue, 0.45f, 0.62f)));
        g.fill(new Rectangle2D.Double(0, 0, CANVAS, CANVAS));
    }

    private static void drawShoulders(Graphics2D g, Color clothes, FaceFactors f) {
        g.setColor(skin(f).darker());
        g.fill(new Rectangle2D.Double(-8, 18, 16, 24));
        g.setColor(clothes);
        g.fill(new Ellipse2D.Double(-42, 38, 84, 50));
    }

    /** Everything that tilts with the head; the origin is the centre of the face. */
    private static void drawHead(Graphics2D g, FaceFactors f) {
        double halfWidth = 19 + 7 * f.faceWidth();
        double halfHeight = 28;
        Color hair = hair(f);
        Color skin = skin(f);

        // Hair behind the head: its length is how far it falls past the chin.
        double hairBottom = -4 + 46 * f.hairLength();
        g.setColor(hair.darker());
        g.fill(new RoundRectangle2D.Double(
                -halfWidth - 5, -halfHeight - 4, 2 * halfWidth + 10, hairBottom + halfHeight + 4, 30, 30));

        // Ears, then the face.
        g.setColor(skin.darker());
        g.fill(new Ellipse2D.Double(-halfWidth - 3.5, -6, 7, 12));
        g.fill(new Ellipse2D.Double(halfWidth - 3.5, -6, 7, 12));
        Ellipse2D face = new Ellipse2D.Double(-halfWidth, -halfHeight, 2 * halfWidth, 2 * halfHeight);
        g.setColor(skin);
        g.fill(face);

        drawBeard(g, f, face, hair);

        // Hair on top: a cap over the forehead.
        Area cap = new Area(new Ellipse2D.Double(-halfWidth - 3, -halfHeight - 6, 2 * halfWidth + 6, 2 * halfHeight));
        cap.intersect(
                new Area(new Rectangle2D.Double(-halfWidth - 4, -halfHeight - 7, 2 * halfWidth + 8, halfHeight - 6)));
        g.setColor(hair);
        g.fill(cap);

        drawEyes(g, f, halfWidth, hair);
        // Nose: a soft shadow.
        g.setColor(shade(skin, 0.82));
        g.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        GeneralPath nose = new GeneralPath();
        nose.moveTo(0.5, -1);
        nose.lineTo(2.5, 7);
        nose.lineTo(-1.5, 8);
        g.draw(nose);
        drawMouth(g, f);
        if (f.glasses() > 0.5) {
            drawGlasses(g, halfWidth);
        }
    }

    private static void drawBeard(Graphics2D g, FaceFactors f, Ellipse2D face, Color hair) {
        if (f.beard() <= 0.02) {
            return;
        }
        Area beard = new Area(face);
        beard.intersect(new Area(new Rectangle2D.Double(-40, 6, 80, 40)));
        beard.subtract(new Area(new Ellipse2D.Double(-8, 10, 16, 8)));
        beard.add(new Area(new RoundRectangle2D.Double(-9, 9.5, 18, 3.5, 3, 3)));
        g.setColor(withAlpha(shade(hair, 0.8), 0.25 + 0.75 * f.beard()));
        g.fill(beard);
    }

    private static void drawEyes(Graphics2D g, FaceFactors f, double halfWidth, Color hair) {
        double eyeY = -5;
        double eyeX = 8.5 + 0.2 * (halfWidth - 19);
        double height = 1.0 + 7.0 * f.eyeOpenness();
        for (int side = -1; side <= 1; side += 2) {
            double x = side * eyeX;
            g.setColor(new Color(248, 248, 244));
            g.fill(new Ellipse2D.Double(x - 5.5, eyeY - height / 2, 11, height));
            double iris = Math.min(3.0, height / 2 + 0.3);
            g.setColor(new Color(45, 35, 30));
            g.fill(new Ellipse2D.Double(x - iris, eyeY - iris, 2 * iris, 2 * iris));
            g.setColor(shade(hair, 0.7));
            g.setStroke(new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Line2D.Double(x - 5, eyeY - height / 2 - 3.2, x + 5, eyeY - height / 2 - 3.8 + side * 0.6));
        }
    }

    private static void drawMouth(Graphics2D g, FaceFactors f) {
        double y = 14;
        double s = f.smile();
        double half = 7 + 2.5 * Math.max(s, 0);
        if (s > 0) {
            // Open smile: the lower lip curves down further than the upper one.
            GeneralPath mouth = new GeneralPath();
            mouth.moveTo(-half, y - 1.5 * s);
            mouth.quadTo(0, y + 1.5 * s, half, y - 1.5 * s);
            mouth.quadTo(0, y + 10 * s, -half, y - 1.5 * s);
            mouth.closePath();
            g.setColor(new Color(140, 35, 45));
            g.fill(mouth);
            Area teeth = new Area(mouth);
            teeth.intersect(new Area(new Rectangle2D.Double(-half, y - 3, 2 * half, 2.2 + 2.5 * s)));
            g.setColor(new Color(245, 242, 235));
            g.fill(teeth);
        } else {
            GeneralPath lips = new GeneralPath();
            lips.moveTo(-half, y + 3 * -s);
            lips.quadTo(0, y + 6 * s, half, y + 3 * -s);
            g.setColor(new Color(150, 60, 65));
            g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(lips);
        }
    }

    private static void drawGlasses(Graphics2D g, double halfWidth) {
        double eyeX = 8.5 + 0.2 * (halfWidth - 19);
        g.setColor(new Color(25, 25, 30));
        g.setStroke(new BasicStroke(1.7f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int side = -1; side <= 1; side += 2) {
            g.draw(new RoundRectangle2D.Double(side * eyeX - 7, -11, 14, 11, 6, 6));
            g.draw(new Line2D.Double(side * (eyeX + 7), -7, side * halfWidth, -8));
        }
        g.draw(new Line2D.Double(-eyeX + 7, -7, eyeX - 7, -7));
    }

    private static void drawLighting(Graphics2D g, FaceFactors f) {
        float strength = (float) (0.22 * Math.abs(f.lighting()));
        Color bright = new Color(1f, 1f, 0.95f, strength);
        Color dark = new Color(0f, 0f, 0.05f, strength);
        boolean fromLeft = f.lighting() < 0;
        g.setPaint(new GradientPaint(0, 0, fromLeft ? bright : dark, (float) CANVAS, 0, fromLeft ? dark : bright));
        g.fill(new Rectangle2D.Double(0, 0, CANVAS, CANVAS));
    }

    private static void addNoise(BufferedImage image, long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double sigma = 3.0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int n = (int) Math.round(gaussian(r) * sigma);
                image.setRGB(
                        x,
                        y,
                        (clamp(((rgb >> 16) & 255) + n) << 16)
                                | (clamp(((rgb >> 8) & 255) + n) << 8)
                                | clamp((rgb & 255) + n));
            }
        }
    }

    private static double gaussian(SplittableRandom r) {
        // Sum of uniforms: cheap, deterministic, close enough to a Gaussian for pixel noise.
        return (r.nextDouble() + r.nextDouble() + r.nextDouble() + r.nextDouble() - 2.0) * Math.sqrt(3);
    }

    private static Color hair(FaceFactors f) {
        double l = f.hairLightness();
        double warm = f.hairHue();
        int r = (int) (35 + 205 * l + 30 * warm * (1 - l));
        int gr = (int) (25 + 180 * l + 8 * warm);
        int b = (int) (20 + 95 * l - 10 * warm);
        return new Color(clamp(r), clamp(gr), clamp(b));
    }

    private static Color skin(FaceFactors f) {
        double t = f.skinTone();
        return new Color(clamp((int) (95 + 155 * t)), clamp((int) (60 + 160 * t)), clamp((int) (42 + 160 * t)));
    }

    private static Color shade(Color c, double factor) {
        return new Color(clamp((int) (c.getRed() * factor)), clamp((int) (c.getGreen() * factor)), clamp((int)
                (c.getBlue() * factor)));
    }

    private static Color withAlpha(Color c, double alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), clamp((int) (255 * Math.min(1, alpha))));
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
