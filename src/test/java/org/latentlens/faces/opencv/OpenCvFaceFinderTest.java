package org.latentlens.faces.opencv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentlens.core.faces.FaceBox;
import org.latentlens.core.faces.TestPhotos;

/** The OpenCV finder on real photos, with positions measured by hand (photos/README.md). */
class OpenCvFaceFinderTest {
    /** Hand-measured centre of the astronaut's face: between the eye line (y 102) and the mouth (y 145). */
    private static final double FACE_X = 225;

    private static final double FACE_Y = 118;
    private static OpenCvFaceFinder finder;

    @BeforeAll
    static void open() {
        finder = new OpenCvFaceFinder();
    }

    @AfterAll
    static void close() {
        finder.close();
    }

    @Test
    void findsTheOneFaceInTheAstronautWhereItIs() {
        List<FaceBox> faces = finder.find(TestPhotos.read(TestPhotos.ASTRONAUT));
        assertEquals(1, faces.size(), faces.toString());
        FaceBox face = faces.get(0);
        assertEquals(FACE_X, face.centreX(), 12, face.toString());
        assertEquals(FACE_Y, face.centreY(), 12, face.toString());
        assertTrue(face.width() > 70 && face.width() < 140, "the box spans the face: " + face);
        FaceBox.Eyes eyes = face.eyes().orElseThrow(() -> new AssertionError("eyes not found: " + face));
        assertEquals(202, eyes.leftX(), 8, eyes.toString());
        assertEquals(248, eyes.rightX(), 8, eyes.toString());
        assertEquals(102, eyes.midY(), 8, eyes.toString());
    }

    @Test
    void findsBothFacesSideBySide() {
        List<FaceBox> faces = finder.find(TestPhotos.read(TestPhotos.TWO_FACES));
        assertEquals(2, faces.size(), faces.toString());
        faces = faces.stream()
                .sorted(Comparator.comparingDouble(FaceBox::centreX))
                .toList();
        // The left half is the astronaut at 384/512 scale; the right half its mirror image.
        double k = 384.0 / 512;
        assertEquals(FACE_X * k, faces.get(0).centreX(), 10, faces.toString());
        assertEquals(768 - FACE_X * k, faces.get(1).centreX(), 10, faces.toString());
        assertEquals(FACE_Y * k, faces.get(1).centreY(), 10, faces.toString());
    }

    @Test
    void findsNoFaceInACoffeeCupOrARocket() {
        assertEquals(List.of(), finder.find(TestPhotos.read(TestPhotos.COFFEE)));
        assertEquals(List.of(), finder.find(TestPhotos.read(TestPhotos.ROCKET)));
    }

    @Test
    void findsTheFaceInAPhotoOfSeveralMegapixels() {
        int k = 5;
        BufferedImage big =
                transformed(TestPhotos.read(TestPhotos.ASTRONAUT), AffineTransform.getScaleInstance(k, k), 512 * k);
        List<FaceBox> faces = finder.find(big);
        assertEquals(1, faces.size(), faces.toString());
        assertEquals(FACE_X * k, faces.get(0).centreX(), 12 * k, faces.toString());
        assertEquals(FACE_Y * k, faces.get(0).centreY(), 12 * k, faces.toString());
    }

    @Test
    void findsASmallFaceInALargePhoto() {
        // A holiday-photo case: a face about 56 pixels wide in a 2400x1800 picture (the coffee photo, enlarged).
        BufferedImage photo = new BufferedImage(2400, 1800, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(TestPhotos.read(TestPhotos.COFFEE), 0, 0, 2400, 1800, null);
        g.drawImage(TestPhotos.read(TestPhotos.ASTRONAUT), 1000, 900, 300, 300, null);
        g.dispose();
        List<FaceBox> faces = finder.find(photo);
        assertEquals(1, faces.size(), faces.toString());
        double k = 300.0 / 512;
        assertEquals(1000 + FACE_X * k, faces.get(0).centreX(), 12, faces.toString());
        assertEquals(900 + FACE_Y * k, faces.get(0).centreY(), 12, faces.toString());
    }

    @Test
    void measuresTheTiltOfATurnedHead() {
        BufferedImage photo = TestPhotos.read(TestPhotos.ASTRONAUT);
        double upright = finder.find(photo).get(0).eyes().orElseThrow().angleDegrees();
        BufferedImage turned =
                transformed(photo, AffineTransform.getRotateInstance(Math.toRadians(12), FACE_X, 102), 512);
        List<FaceBox> faces = finder.find(turned);
        assertEquals(1, faces.size(), faces.toString());
        double angle = faces.get(0)
                .eyes()
                .orElseThrow(() -> new AssertionError("eyes not found: " + faces))
                .angleDegrees();
        assertEquals(upright + 12, angle, 4, "eye line slope");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-30, -25, 25, 30})
    void findsAHeadTiltedBeyondWhatTheCascadeSeesUpright(double degrees) {
        // The frontal cascade alone finds faces up to about 15 degrees of roll; a head on a shoulder is more.
        BufferedImage photo = TestPhotos.read(TestPhotos.ASTRONAUT);
        double upright = finder.find(photo).get(0).eyes().orElseThrow().angleDegrees();
        BufferedImage tilted =
                transformed(photo, AffineTransform.getRotateInstance(Math.toRadians(degrees), FACE_X, FACE_Y), 512);
        List<FaceBox> faces = finder.find(tilted);
        assertEquals(1, faces.size(), faces.toString());
        FaceBox face = faces.get(0);
        assertEquals(FACE_X, face.centreX(), 12, face.toString());
        assertEquals(FACE_Y, face.centreY(), 12, face.toString());
        FaceBox.Eyes eyes = face.eyes().orElseThrow(() -> new AssertionError("eyes not found: " + face));
        assertEquals(upright + degrees, eyes.angleDegrees(), 5, "eye line slope, so the crop levels it");
    }

    private static BufferedImage transformed(BufferedImage photo, AffineTransform t, int side) {
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(photo, t, null);
        g.dispose();
        return out;
    }
}
