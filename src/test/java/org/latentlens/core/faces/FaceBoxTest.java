package org.latentlens.core.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Face boxes, eye pairs and the drawing of what was found. */
class FaceBoxTest {
    @Test
    void eyesGivenRightToLeftAreSwappedAndTheirSlopeIsMeasured() {
        FaceBox.Eyes eyes = new FaceBox.Eyes(20, 20, 10, 10);
        assertEquals(10, eyes.leftX());
        assertEquals(10, eyes.leftY());
        assertEquals(45, eyes.angleDegrees(), 1e-9, "right eye lower: a positive slope");
        assertEquals(Math.sqrt(200), eyes.distance(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> new FaceBox.Eyes(5, 5, 5, 5));
    }

    @Test
    void aBoxScalesWithItsEyesAndRefusesNoSize() {
        FaceBox box = FaceBox.of(10, 20, 30, 40, 3)
                .withEyes(new FaceBox.Eyes(15, 30, 30, 30))
                .scaled(2);
        assertEquals(new FaceBox(20, 40, 60, 80, Optional.of(new FaceBox.Eyes(30, 60, 60, 60)), 3), box);
        assertTrue(box.contains(21, 41));
        assertThrows(IllegalArgumentException.class, () -> FaceBox.of(0, 0, 0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> FaceBox.of(Double.NaN, 0, 10, 10, 1));
    }

    @Test
    void theOverlayIsAReducedCopyWithTheCropDrawnAndThePhotoUntouched() {
        BufferedImage photo = new BufferedImage(1000, 500, BufferedImage.TYPE_INT_RGB);
        FaceBox face = FaceBox.of(400, 100, 200, 200, 1);
        List<Point2D.Double> crop = AlignedCrop.of(photo, face, 16).outline();
        BufferedImage shown = FaceOverlay.draw(photo, List.of(face, FaceBox.of(50, 50, 100, 100, 1)), crop, 400);
        assertNotSame(photo, shown);
        assertEquals(400, shown.getWidth());
        assertEquals(200, shown.getHeight());
        assertEquals(0, photo.getRGB(500, 100) & 0xffffff, "the photo is not drawn on");
        // The crop's top edge runs across the middle of the reduced copy at y = 0.4 * (top of the crop).
        int top = (int) Math.round(crop.get(0).y * 0.4);
        Color c = new Color(shown.getRGB(200, Math.max(0, top)));
        assertTrue(c.getRed() > 200 && c.getGreen() > 150 && c.getBlue() < 100, "crop drawn in yellow: " + c);
    }
}
