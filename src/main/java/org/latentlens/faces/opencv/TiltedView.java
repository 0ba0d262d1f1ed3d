package org.latentlens.faces.opencv;

import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.Point2D;
import org.latentlens.core.faces.FaceBox;

/**
 * A photo turned by a few degrees about its centre onto a canvas just large enough to hold all of it, and the way
 * back: a face found upright in the turned copy is a tilted face in the photo. The frontal-face cascade only finds
 * heads within about 15 degrees of upright, so the finder also looks in copies turned either way.
 *
 * @param turn maps a point of the photo to the turned copy
 * @param width the turned copy's width in pixels
 * @param height the turned copy's height in pixels
 */
record TiltedView(AffineTransform turn, int width, int height) {
    /** The view of a {@code width} x {@code height} photo turned by {@code degrees} (clockwise on screen). */
    static TiltedView of(int width, int height, double degrees) {
        double theta = Math.toRadians(degrees);
        double cos = Math.abs(Math.cos(theta));
        double sin = Math.abs(Math.sin(theta));
        int w = (int) Math.ceil(width * cos + height * sin);
        int h = (int) Math.ceil(width * sin + height * cos);
        AffineTransform t = AffineTransform.getTranslateInstance(w / 2.0, h / 2.0);
        t.rotate(theta);
        t.translate(-width / 2.0, -height / 2.0);
        return new TiltedView(t, w, h);
    }

    /** The six numbers of {@link #turn} in OpenCV's 2x3 order (row by row), for {@code warpAffine}. */
    double[] matrix() {
        return new double[] {
            turn.getScaleX(), turn.getShearX(), turn.getTranslateX(),
            turn.getShearY(), turn.getScaleY(), turn.getTranslateY()
        };
    }

    /**
     * {@code face}, found in the turned copy, in the photo's coordinates: the box keeps its size and moves with its
     * centre (a box stays upright, so on screen it frames the tilted head loosely); the eyes, which give the crop its
     * tilt, map exactly.
     */
    FaceBox toPhoto(FaceBox face) {
        AffineTransform back;
        try {
            back = turn.createInverse();
        } catch (NoninvertibleTransformException e) {
            throw new IllegalStateException("a rotation is always invertible", e);
        }
        Point2D centre = back.transform(new Point2D.Double(face.centreX(), face.centreY()), null);
        FaceBox box = FaceBox.of(
                centre.getX() - face.width() / 2,
                centre.getY() - face.height() / 2,
                face.width(),
                face.height(),
                face.score());
        return face.eyes()
                .map(e -> {
                    Point2D l = back.transform(new Point2D.Double(e.leftX(), e.leftY()), null);
                    Point2D r = back.transform(new Point2D.Double(e.rightX(), e.rightY()), null);
                    return box.withEyes(new FaceBox.Eyes(l.getX(), l.getY(), r.getX(), r.getY()));
                })
                .orElse(box);
    }
}
