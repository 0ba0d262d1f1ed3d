package org.latentlens.faces.opencv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Point2D;
import org.junit.jupiter.api.Test;
import org.latentlens.core.faces.FaceBox;

class TiltedViewTest {
    @Test
    void theTurnedCanvasHoldsEveryCornerOfThePhoto() {
        TiltedView view = TiltedView.of(600, 400, 25);
        for (double[] corner : new double[][] {{0, 0}, {600, 0}, {0, 400}, {600, 400}}) {
            Point2D p = view.turn().transform(new Point2D.Double(corner[0], corner[1]), null);
            assertTrue(p.getX() >= -1e-9 && p.getX() <= view.width() + 1e-9, p.toString());
            assertTrue(p.getY() >= -1e-9 && p.getY() <= view.height() + 1e-9, p.toString());
        }
        assertEquals(Math.ceil(600 * Math.cos(Math.toRadians(25)) + 400 * Math.sin(Math.toRadians(25))), view.width());
    }

    @Test
    void aLevelFaceInTheTurnedCopyIsATiltedFaceInThePhoto() {
        TiltedView view = TiltedView.of(512, 512, -25);
        Point2D left = view.turn().transform(new Point2D.Double(200, 100), null);
        Point2D right = view.turn().transform(new Point2D.Double(250, 100 + 50 * Math.tan(Math.toRadians(25))), null);
        Point2D centre = view.turn().transform(new Point2D.Double(225, 118), null);
        // In the turned copy the eyes are level: the photo's head was tilted by +25 degrees.
        assertEquals(left.getY(), right.getY(), 1e-6);
        FaceBox found = FaceBox.of(centre.getX() - 40, centre.getY() - 40, 80, 80, 30)
                .withEyes(new FaceBox.Eyes(left.getX(), left.getY(), right.getX(), right.getY()));
        FaceBox inPhoto = view.toPhoto(found);
        assertEquals(225, inPhoto.centreX(), 1e-6);
        assertEquals(118, inPhoto.centreY(), 1e-6);
        assertEquals(80, inPhoto.width(), 1e-9);
        assertEquals(30, inPhoto.score(), 0);
        FaceBox.Eyes eyes = inPhoto.eyes().orElseThrow();
        assertEquals(200, eyes.leftX(), 1e-6);
        assertEquals(25, eyes.angleDegrees(), 1e-6);
    }
}
