package org.latentlens.faces.opencv;

import java.util.List;
import java.util.Optional;
import org.latentlens.core.faces.FaceBox;

/**
 * Picks the two eyes out of an eye cascade's candidates inside one face: the eye cascade also fires on eyebrows,
 * nostrils and glasses' rims, so a pair must look like eyes (one each side, about level, a plausible distance apart).
 */
final class EyePairs {
    /** Eye centres at most this far apart vertically, in face widths (a tilt of about 30 degrees at most). */
    private static final double MAX_RISE = 0.25;
    /** Eye centres at least this far apart horizontally, in face widths. */
    private static final double MIN_SPAN = 0.22;
    /** Eye centres at most this far apart horizontally, in face widths. */
    private static final double MAX_SPAN = 0.65;

    private EyePairs() {}

    /** A candidate eye: the centre and size of the cascade's box, in the face's coordinates. */
    record Candidate(double x, double y, double size) {}

    /**
     * The best-looking pair among {@code candidates} in a face {@code faceWidth} pixels wide (its left edge at 0), or
     * empty when no pair qualifies: then the crop stays upright rather than turning by a wrong angle.
     */
    static Optional<FaceBox.Eyes> best(List<Candidate> candidates, double faceWidth) {
        double half = faceWidth / 2;
        FaceBox.Eyes best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Candidate l : candidates) {
            for (Candidate r : candidates) {
                double span = r.x() - l.x();
                double rise = Math.abs(r.y() - l.y());
                boolean plausible = l.x() < half
                        && r.x() > half
                        && span >= MIN_SPAN * faceWidth
                        && span <= MAX_SPAN * faceWidth
                        && rise <= MAX_RISE * faceWidth;
                if (!plausible) {
                    continue;
                }
                // Prefer eyes of similar size, level, and placed symmetrically about the face's centre line.
                double score = -Math.abs(l.size() - r.size()) / faceWidth
                        - rise / faceWidth
                        - Math.abs((l.x() + r.x()) / 2 - half) / faceWidth;
                if (score > bestScore) {
                    bestScore = score;
                    best = new FaceBox.Eyes(l.x(), l.y(), r.x(), r.y());
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
