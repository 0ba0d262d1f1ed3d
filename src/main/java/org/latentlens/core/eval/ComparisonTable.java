package org.latentlens.core.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.latentlens.core.model.MetricKeys;
import org.latentlens.core.model.ModelManifest;

/**
 * One row of figures per model, side by side ({@code latent-lens compare}), as Markdown or as aligned text. A
 * figure a model cannot have (reconstruction without an encoder, disentanglement without ground-truth factors) is
 * shown as {@value #MISSING}.
 */
public final class ComparisonTable {
    /** The cell of a figure that was not measured. */
    public static final String MISSING = "n/a";
    /** Marks steerability and leakage read after the fact, for a model that names no attribute. */
    public static final String AFTER_THE_FACT = " †";
    /** The training-record entry read as seconds per training step, when a trainer writes it. */
    public static final String SECONDS_PER_STEP = "secondsPerStep";

    /** Column titles, in order. */
    public static final List<String> HEADERS = List.of(
            "model",
            "steerability min / mean",
            "leakage",
            "PSNR (dB)",
            "SSIM",
            "judge-Fréchet",
            "MIG",
            "SAP",
            "DCI D / C / I",
            "monotonicity",
            "s/step");

    private ComparisonTable() {}

    /**
     * One model's figures.
     *
     * @param model the name shown
     * @param metrics what the {@link Evaluator} measured
     * @param secondsPerStep from the training record, NaN when it does not say
     */
    public record Row(String model, Map<String, Double> metrics, double secondsPerStep) {
        /** The cells, in the order of {@link #HEADERS}. */
        public List<String> cells() {
            List<String> c = new ArrayList<>();
            c.add(model);
            c.add(steerability());
            c.add(
                    metrics.containsKey(MetricKeys.LEAKAGE_MEAN)
                            ? f3(metrics.get(MetricKeys.LEAKAGE_MEAN))
                            : metrics.containsKey(DimensionNaming.EXPLAINED + MetricKeys.LEAKAGE_MEAN)
                                    ? f3(metrics.get(DimensionNaming.EXPLAINED + MetricKeys.LEAKAGE_MEAN))
                                            + AFTER_THE_FACT
                                    : MISSING);
            c.add(cell(MetricKeys.PSNR, "%.2f"));
            c.add(cell(MetricKeys.SSIM, "%.3f"));
            c.add(cell(MetricKeys.JUDGE_FRECHET, "%.3f"));
            c.add(cell(DisentanglementScores.PREFIX + "mig", "%.3f"));
            c.add(cell(DisentanglementScores.PREFIX + "sap", "%.3f"));
            String d = DisentanglementScores.PREFIX + "dci.";
            c.add(
                    metrics.containsKey(d + "disentanglement")
                            ? String.format(
                                    Locale.ROOT,
                                    "%.2f / %.2f / %.2f",
                                    metrics.get(d + "disentanglement"),
                                    metrics.get(d + "completeness"),
                                    metrics.get(d + "informativeness"))
                            : MISSING);
            c.add(cell(DimensionNaming.MONOTONICITY + "mean", "%.3f"));
            c.add(Double.isNaN(secondsPerStep) ? MISSING : String.format(Locale.ROOT, "%.3f", secondsPerStep));
            return c;
        }

        /** The model's own sliders where it names attributes, else each attribute's best dimension found by sweeps. */
        private String steerability() {
            if (metrics.containsKey(MetricKeys.STEERABILITY_MEAN)) {
                double min = metrics.entrySet().stream()
                        .filter(e -> e.getKey().startsWith(MetricKeys.STEERABILITY)
                                && !e.getKey().equals(MetricKeys.STEERABILITY_MEAN))
                        .mapToDouble(Map.Entry::getValue)
                        .min()
                        .orElse(Double.NaN);
                return f3(min) + " / " + f3(metrics.get(MetricKeys.STEERABILITY_MEAN));
            }
            String e = DimensionNaming.EXPLAINED + MetricKeys.STEERABILITY;
            if (metrics.containsKey(e + "mean")) {
                return f3(metrics.get(e + "min")) + " / " + f3(metrics.get(e + "mean")) + AFTER_THE_FACT;
            }
            return MISSING;
        }

        private String cell(String key, String format) {
            Double v = metrics.get(key);
            return v == null || v.isNaN() ? MISSING : String.format(Locale.ROOT, format, v);
        }

        private static String f3(double v) {
            return String.format(Locale.ROOT, "%.3f", v);
        }
    }

    /** Seconds per training step from the manifest's training record, NaN when it does not say. */
    public static double secondsPerStep(ModelManifest m) {
        if (m.training() == null || !m.training().hyperParameters().containsKey(SECONDS_PER_STEP)) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(m.training().hyperParameters().get(SECONDS_PER_STEP));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** A Markdown table of {@code rows}, with a footnote when a row is read after the fact. */
    public static String markdown(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append("| ").append(String.join(" | ", HEADERS)).append(" |\n");
        b.append("|---".repeat(HEADERS.size())).append("|\n");
        for (Row r : rows) {
            b.append("| ").append(String.join(" | ", r.cells())).append(" |\n");
        }
        if (rows.stream().anyMatch(r -> String.join("", r.cells()).contains(AFTER_THE_FACT.trim()))) {
            b.append("\n† the model names no attribute: each judged attribute's best dimension, found by sweeping every"
                    + " dimension (0 for an attribute no dimension moves).\n");
        }
        return b.toString();
    }

    /** {@code rows} as columns aligned with spaces, for a terminal. */
    public static String text(List<Row> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(HEADERS);
        rows.forEach(r -> all.add(r.cells()));
        int[] width = new int[HEADERS.size()];
        for (List<String> line : all) {
            for (int i = 0; i < line.size(); i++) {
                width[i] = Math.max(width[i], line.get(i).length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (List<String> line : all) {
            for (int i = 0; i < line.size(); i++) {
                b.append(
                        i == 0
                                ? String.format("%-" + width[i] + "s", line.get(i))
                                : String.format("  %" + width[i] + "s", line.get(i)));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
