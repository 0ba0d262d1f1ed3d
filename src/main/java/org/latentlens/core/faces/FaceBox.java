package org.latentlens.core.faces;

import java.util.Optional;

/**
 * One face found in a picture, in that picture's pixel coordinates: the detector's box round it, the centres of its
 * eyes when the detector found them, and how sure the detector is.
 *
 * @param x left edge of the box
 * @param y top edge of the box
 * @param width width of the box, positive
 * @param height height of the box, positive
 * @param eyes the eye centres; empty when they were not found (the crop is then not rotated)
 * @param score the detector's confidence, larger is surer; comparable only between faces from one detector
 */
public record FaceBox(double x, double y, double width, double height, Optional<Eyes> eyes, double score) {
    /** Checks the box is a real, finite rectangle. */
    public FaceBox {
        if (!(width > 0 && height > 0) || !Double.isFinite(x + y + width + height)) {
            throw new IllegalArgumentException("a face box needs a finite position and a positive size, not " + x + ","
                    + y + " " + width + "x" + height);
        }
        eyes = eyes == null ? Optional.empty() : eyes;
    }

    /** A box whose eyes were not found. */
    public static FaceBox of(double x, double y, double width, double height, double score) {
        return new FaceBox(x, y, width, height, Optional.empty(), score);
    }

    /** This box with {@code found} eyes. */
    public FaceBox withEyes(Eyes found) {
        return new FaceBox(x, y, width, height, Optional.of(found), score);
    }

    /** Horizontal centre of the box. */
    public double centreX() {
        return x + width / 2;
    }

    /** Vertical centre of the box. */
    public double centreY() {
        return y + height / 2;
    }

    /** Width times height, to pick the largest face. */
    public double area() {
        return width * height;
    }

    /** Whether the point lies inside the box. */
    public boolean contains(double px, double py) {
        return px >= x && px < x + width && py >= y && py < y + height;
    }

    /** The same face in a copy of the picture scaled by {@code factor} (detectors work on a downscaled copy). */
    public FaceBox scaled(double factor) {
        return new FaceBox(
                x * factor,
                y * factor,
                width * factor,
                height * factor,
                eyes.map(e ->
                        new Eyes(e.leftX() * factor, e.leftY() * factor, e.rightX() * factor, e.rightY() * factor)),
                score);
    }

    /**
     * The centres of both eyes; "left" is the one further left in the picture (the person's right eye).
     *
     * @param leftX horizontal centre of the eye on the picture's left
     * @param leftY vertical centre of that eye
     * @param rightX horizontal centre of the eye on the picture's right
     * @param rightY vertical centre of that eye
     */
    public record Eyes(double leftX, double leftY, double rightX, double rightY) {
        /** Swaps the eyes if they were given right to left, and refuses two eyes in one place. */
        public Eyes {
            if (leftX > rightX) {
                double t = leftX;
                leftX = rightX;
                rightX = t;
                t = leftY;
                leftY = rightY;
                rightY = t;
            }
            if (!(Math.hypot(rightX - leftX, rightY - leftY) > 0)
                    || !Double.isFinite(leftX + leftY + rightX + rightY)) {
                throw new IllegalArgumentException("two eyes need two distinct, finite positions");
            }
        }

        /** Distance between the eye centres, in pixels. */
        public double distance() {
            return Math.hypot(rightX - leftX, rightY - leftY);
        }

        /** How far the eye line slopes, in degrees; positive when the right eye is lower (y grows downwards). */
        public double angleDegrees() {
            return Math.toDegrees(Math.atan2(rightY - leftY, rightX - leftX));
        }

        /** Horizontal midpoint between the eyes. */
        public double midX() {
            return (leftX + rightX) / 2;
        }

        /** Vertical midpoint between the eyes. */
        public double midY() {
            return (leftY + rightY) / 2;
        }
    }
}
