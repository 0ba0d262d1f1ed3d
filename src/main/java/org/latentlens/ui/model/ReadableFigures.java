package org.latentlens.ui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.latentlens.core.model.MetricKeys;

/**
 * The measured figures of a manifest as sentences people read: what each means and whether it is good, instead
 * of raw keys ("realism.judgeFrechet 287.247"). The raw table stays available behind a disclosure.
 */
final class ReadableFigures {
    private ReadableFigures() {}

    /** One line per figure present, in the order people ask about them. */
    static List<String> lines(Map<String, Double> m) {
        List<String> out = new ArrayList<>();
        Double steer = m.get(MetricKeys.STEERABILITY_MEAN);
        Double leak = m.get(MetricKeys.LEAKAGE_MEAN);
        if (steer != null) {
            out.add(String.format(
                    Locale.ROOT,
                    "Sliders do what their names say in %.0f%% of sweeps (%s; aim 95%%).",
                    100 * steer,
                    steer >= 0.95 ? "good" : steer >= 0.8 ? "fair" : "weak"));
            String worst = worst(m, MetricKeys.STEERABILITY, true);
            if (worst != null) {
                out.add("  Least reliable slider: " + worst + ".");
            }
        }
        if (leak != null) {
            out.add(String.format(
                    Locale.ROOT,
                    "Moving one slider changes %.0f%% of the other attributes on average (%s; " + "aim at most 5%%).",
                    100 * leak,
                    leak <= 0.05 ? "good" : leak <= 0.15 ? "fair" : "tangled"));
        }
        Double psnr = m.get(MetricKeys.PSNR);
        if (psnr != null) {
            out.add(String.format(
                    Locale.ROOT,
                    "Encoded images come back at %.1f dB PSNR (%s; 24 dB and up looks like the " + "same image).",
                    psnr,
                    psnr >= 24 ? "good" : psnr >= 20 ? "recognisable" : "loose"));
        }
        Double agree = m.get(MetricKeys.ATTRIBUTE_AGREEMENT);
        if (agree != null) {
            out.add(String.format(
                    Locale.ROOT,
                    "The reconstruction keeps %.0f%% of the attributes the judge reads on the " + "original.",
                    100 * agree));
        }
        Double fd = m.get(MetricKeys.JUDGE_FRECHET);
        if (fd != null) {
            out.add(String.format(
                    Locale.ROOT,
                    "Distance of its images from real ones in the judge's eyes: %.0f%s (lower is "
                            + "more realistic; compare only between models measured with the same judge).",
                    fd,
                    m.containsKey(MetricKeys.JUDGE_FRECHET_SD)
                            ? String.format(
                                    Locale.ROOT,
                                    ", mean of %.0f draws of its images, which differ by about %.0f",
                                    m.getOrDefault(MetricKeys.JUDGE_FRECHET_DRAWS, 0.0),
                                    m.get(MetricKeys.JUDGE_FRECHET_SD))
                            : ""));
        }
        Double judge = m.get("judge.accuracy");
        if (judge != null) {
            out.add(String.format(
                    Locale.ROOT,
                    "All figures are read by a judge trained on real images only, %.1f%% "
                            + "accurate on images it never saw.",
                    100 * judge));
        }
        return out;
    }

    /** The lowest (or highest) per-slider figure with its name, e.g. {@code Narrow Eyes (86%)}. */
    private static String worst(Map<String, Double> m, String prefix, boolean lowest) {
        String name = null;
        double value = lowest ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        for (var e : m.entrySet()) {
            if (e.getKey().startsWith(prefix)
                    && !e.getKey().endsWith(".mean")
                    && (lowest ? e.getValue() < value : e.getValue() > value)) {
                value = e.getValue();
                name = e.getKey().substring(prefix.length());
            }
        }
        return name == null ? null : String.format(Locale.ROOT, "%s (%.0f%%)", name.replace('_', ' '), 100 * value);
    }
}
