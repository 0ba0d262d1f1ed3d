package org.latentlens.ui.inspect;

import java.util.Locale;
import org.latentlens.core.model.RealismCalibration;
import org.latentlens.core.model.RealismCalibration.Band;
import org.latentlens.core.model.RealismCalibration.Placement;
import org.latentlens.core.model.ScoreDistribution;

/**
 * The realism readout in words: one statement of where the current image's score falls, with the figures
 * behind it for a tooltip.
 *
 * <p>A score is read against real faces first (that is the question people ask). When it is not typical of real
 * faces, the statement goes on to place it among the model's own samples; falling below almost all of them is
 * the out-of-range warning, part of the same statement, so that the panel never shows two messages that
 * disagree. A bare logit is never turned into a "% real": a discriminator
 * that scores every generated face far below zero can still rank them, and a sigmoid of its logit would call
 * all of them 0% real.
 *
 * @param text the statement
 * @param detail how it was worked out: the raw score and the calibration, for a tooltip
 * @param alarm whether the image has left the region the model learnt
 */
public record RealismStatement(String text, String detail, boolean alarm) {
    /** Shown before any image is rendered. */
    public static final RealismStatement NONE = new RealismStatement(
            "Realism: -", "The discriminator's realism reading appears once an image is rendered.", false);

    /** Shown for bundles whose manifest has no realism calibration. */
    public static final String NOT_CALIBRATED = "Realism: not calibrated \u2014 run Evaluate";

    private static final String LEFT_MODEL = " \u2014 this edit has left the region the model learnt";

    /**
     * The statement for {@code score}.
     *
     * @param calibration the manifest's calibration, or {@code null} for an old bundle
     * @param floor for uncalibrated bundles, the score below which almost none of the model's own samples fall
     *     (measured when the model opened); {@code -Infinity} when unknown
     */
    public static RealismStatement of(double score, RealismCalibration calibration, double floor) {
        if (Double.isNaN(score)) {
            return NONE;
        }
        return calibration == null ? uncalibrated(score, floor) : calibrated(calibration.place(score), calibration);
    }

    private static RealismStatement calibrated(Placement p, RealismCalibration c) {
        String text = switch (p.band()) {
            case BELOW_ALL_REAL -> "Less real than any real face measured";
            case LESS_REAL_THAN_MOST -> "Less real than " + share(100 - p.realPercentile()) + " of real faces";
            case TYPICAL ->
                "Typical of real faces (" + ordinal(Math.round(p.realPercentile())) + " percentile of real faces)";
            case MORE_REAL_THAN_MOST -> "More real than " + share(p.realPercentile()) + " of real faces";
            case ABOVE_ALL_REAL -> "More real than any real face measured";
        };
        if (p.offModel() || p.band() != Band.TYPICAL) {
            text += "; " + againstModel(p, c.generated());
        }
        String detail = String.format(
                Locale.ROOT,
                "Raw realism score %.2f (the discriminator's logit; higher = more real).\n"
                        + "This image: %s real faces; %s the model's own samples.\n\n"
                        + "Calibrated by latent-lens evaluate on\n"
                        + "  %d held-out real images%s: %s;\n"
                        + "  %d images generated from codes drawn from the latent prior: %s.\n\n"
                        + "\"Typical\" means between the %.0fth and %.0fth percentile of real faces. Below the %.1fth percentile"
                        + " of the model's own samples an edit has left the region the model learnt.",
                p.score(),
                position(c.real(), p.score()),
                position(c.generated(), p.score()),
                c.real().count(),
                c.realSource().isEmpty() ? "" : " (" + c.realSource() + ")",
                spread(c.real()),
                c.generated().count(),
                spread(c.generated()),
                RealismCalibration.TYPICAL_LOW,
                RealismCalibration.TYPICAL_HIGH,
                RealismCalibration.MODEL_FLOOR);
        return new RealismStatement(text, detail, p.offModel());
    }

    private static RealismStatement uncalibrated(double score, double floor) {
        boolean off = score < floor;
        String text = NOT_CALIBRATED
                + (off ? "; this edit scores below almost all of the model's own samples" + LEFT_MODEL : "");
        String detail = String.format(
                Locale.ROOT,
                "Raw realism score %.2f (the discriminator's logit; higher = more real).\n\n"
                        + "This model's manifest has no realism calibration, so the score cannot be compared with real faces,"
                        + " and a logit is not a probability of being real. Run\n"
                        + "  latent-lens evaluate MODEL_DIR --data DATA\n"
                        + "to score held-out real images and the model's own samples and store both in the manifest.",
                score);
        if (Double.isFinite(floor)) {
            detail += String.format(
                    Locale.ROOT, "\n\nAlmost all samples the model generated when it opened score above %.2f.", floor);
        }
        return new RealismStatement(text, detail, off);
    }

    /**
     * Where the score stands among the model's own samples. Said whenever the image is not typical of real faces:
     * a discriminator that separates real from generated faces well puts every sample below every real face, and
     * then this is the part of the statement that still moves as the sliders do.
     */
    private static String againstModel(Placement p, ScoreDistribution generated) {
        if (p.offModel()) {
            return (generated.isBelowAll(p.score())
                            ? "below every sample of this model measured"
                            : "below " + share(100 - p.generatedPercentile()) + " of this model's own samples")
                    + LEFT_MODEL;
        }
        if (generated.isAboveAll(p.score())) {
            return "more real than any sample of this model measured";
        }
        if (p.generatedPercentile() > 100 - RealismCalibration.MODEL_FLOOR) {
            return "more real than " + share(p.generatedPercentile()) + " of this model's own samples";
        }
        return "as usual for this model (" + ordinal(Math.round(p.generatedPercentile()))
                + " percentile of its samples)";
    }

    /** "below every one of", "62nd percentile of", "above every one of". */
    private static String position(ScoreDistribution d, double score) {
        if (d.isBelowAll(score)) {
            return "below every one of the";
        }
        return d.isAboveAll(score)
                ? "above every one of the"
                : ordinal(Math.round(d.percentile(score))) + " percentile of";
    }

    /** A share of faces as a whole percent, kept off 100%: the score is within the measured range. */
    private static String share(double percent) {
        return Math.max(1, Math.min(99, Math.round(percent))) + "%";
    }

    private static String spread(ScoreDistribution d) {
        return String.format(
                Locale.ROOT,
                "median %.2f, 5th to 95th percentile %.2f to %.2f, range %.2f to %.2f",
                d.quantile(0.5),
                d.quantile(0.05),
                d.quantile(0.95),
                d.min(),
                d.max());
    }

    /** 1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, ..., 21st, ... */
    static String ordinal(long n) {
        long lastTwo = n % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13
                ? "th"
                : switch ((int) (n % 10)) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
    }
}
