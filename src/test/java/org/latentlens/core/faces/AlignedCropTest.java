package org.latentlens.core.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/** The crop levels the eyes and frames the face as the training images do, on drawings whose answer is known. */
class AlignedCropTest {
    private static final double TILT = 20;
    private static final double MID_X = 200;
    private static final double MID_Y = 140;
    /** Half the distance between the eyes. */
    private static final double HALF_SPAN = 40;
    /** How far the mouth sits below the eye midpoint, across the eye line. */
    private static final double MOUTH_DROP = 60;

    /** Two black eyes and a red mouth on grey, the head turned {@link #TILT} degrees (clockwise on screen). */
    private static BufferedImage tiltedFace() {
        BufferedImage image = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(200, 200, 200));
        g.fillRect(0, 0, 400, 300);
        double cos = Math.cos(Math.toRadians(TILT));
        double sin = Math.sin(Math.toRadians(TILT));
        g.setColor(Color.BLACK);
        disc(g, MID_X - HALF_SPAN * cos, MID_Y - HALF_SPAN * sin, 7);
        disc(g, MID_X + HALF_SPAN * cos, MID_Y + HALF_SPAN * sin, 7);
        g.setColor(Color.RED);
        disc(g, MID_X - MOUTH_DROP * sin, MID_Y + MOUTH_DROP * cos, 8);
        g.dispose();
        return image;
    }

    private static void disc(Graphics2D g, double x, double y, double r) {
        g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
    }

    private static FaceBox.Eyes tiltedEyes() {
        double cos = Math.cos(Math.toRadians(TILT));
        double sin = Math.sin(Math.toRadians(TILT));
        return new FaceBox.Eyes(
                MID_X - HALF_SPAN * cos, MID_Y - HALF_SPAN * sin, MID_X + HALF_SPAN * cos, MID_Y + HALF_SPAN * sin);
    }

    /** Centroid of the pixels of {@code image} in columns [x0, x1) that {@code match}. */
    private static Point2D.Double centroid(BufferedImage image, int x0, int x1, IntPredicate match) {
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = x0; x < x1; x++) {
                if (match.test(image.getRGB(x, y))) {
                    sx += x + 0.5;
                    sy += y + 0.5;
                    n++;
                }
            }
        }
        return new Point2D.Double(sx / n, sy / n);
    }

    private static boolean dark(int rgb) {
        return (rgb >> 16 & 255) < 90 && (rgb >> 8 & 255) < 90 && (rgb & 255) < 90;
    }

    private static boolean red(int rgb) {
        return (rgb >> 16 & 255) > 180 && (rgb >> 8 & 255) < 90;
    }

    @Test
    void levelsATiltedFaceAndPutsItsEyesOnTheTrainingDataEyeLine() {
        // A box 90 wide makes a crop 200 photo pixels a side: at 100 output pixels, half scale.
        FaceBox face = new FaceBox(MID_X - 45, MID_Y - 36, 90, 90, Optional.of(tiltedEyes()), 1);
        AlignedCrop crop = AlignedCrop.of(tiltedFace(), face, 100);
        assertEquals(TILT, crop.angleDegrees(), 1e-9);
        assertEquals(100, crop.image().getWidth());
        assertEquals(100, crop.image().getHeight());
        Point2D.Double left = centroid(crop.image(), 0, 50, AlignedCropTest::dark);
        Point2D.Double right = centroid(crop.image(), 50, 100, AlignedCropTest::dark);
        Point2D.Double mouth = centroid(crop.image(), 0, 100, AlignedCropTest::red);
        double eyeLine = 100 * AlignedCrop.EYE_LINE;
        assertEquals(50 - HALF_SPAN / 2, left.x, 1, "left eye " + left);
        assertEquals(eyeLine, left.y, 1, "left eye " + left);
        assertEquals(50 + HALF_SPAN / 2, right.x, 1, "right eye " + right);
        assertEquals(eyeLine, right.y, 1, "right eye " + right);
        assertEquals(50, mouth.x, 1, "mouth straight below the eyes " + mouth);
        assertEquals(eyeLine + MOUTH_DROP / 2, mouth.y, 1, "mouth " + mouth);
    }

    @Test
    void withoutEyesTheCropIsUprightAndFramedByTheBox() {
        FaceBox face = FaceBox.of(100, 50, 90, 90, 1);
        AlignedCrop crop = AlignedCrop.of(tiltedFace(), face, 64);
        assertEquals(0, crop.angleDegrees());
        double side = 90 / AlignedCrop.FACE_SPAN;
        double eyeY = 50 + AlignedCrop.BOX_EYE_LINE * 90;
        double top = eyeY - AlignedCrop.EYE_LINE * side;
        Point2D.Double[] expected = {
            new Point2D.Double(145 - side / 2, top),
            new Point2D.Double(145 + side / 2, top),
            new Point2D.Double(145 + side / 2, top + side),
            new Point2D.Double(145 - side / 2, top + side)
        };
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i].x, crop.outline().get(i).x, 1e-9, "corner " + i);
            assertEquals(expected[i].y, crop.outline().get(i).y, 1e-9, "corner " + i);
        }
    }

    @Test
    void theOutlineOfATiltedCropIsTheTurnedSquare() {
        FaceBox face = new FaceBox(MID_X - 45, MID_Y - 36, 90, 90, Optional.of(tiltedEyes()), 1);
        AlignedCrop crop = AlignedCrop.of(tiltedFace(), face, 50);
        Point2D.Double topLeft = crop.outline().get(0);
        Point2D.Double topRight = crop.outline().get(1);
        assertEquals(200, topLeft.distance(topRight), 1e-9);
        assertEquals(TILT, Math.toDegrees(Math.atan2(topRight.y - topLeft.y, topRight.x - topLeft.x)), 1e-9);
    }

    @Test
    void aCropPastThePhotosEdgeRepeatsTheEdgeInsteadOfBlack() {
        BufferedImage photo = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setColor(new Color(10, 120, 200));
        g.fillRect(0, 0, 120, 80);
        g.dispose();
        AlignedCrop crop = AlignedCrop.of(photo, FaceBox.of(0, 0, 40, 40, 1), 32);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                assertEquals(0x0a78c8, crop.image().getRGB(x, y) & 0xffffff, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void refusesAnEmptyCrop() {
        assertThrows(IllegalArgumentException.class, () -> AlignedCrop.of(tiltedFace(), FaceBox.of(0, 0, 9, 9, 1), 0));
    }
}
