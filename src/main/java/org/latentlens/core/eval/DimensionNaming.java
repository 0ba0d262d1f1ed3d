package org.latentlens.core.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.latentlens.core.model.DimensionExplanation;
import org.latentlens.core.model.LatentDimension;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.MetricKeys;

/**
 * Names latent dimensions after the fact, from their judged sweeps ({@link DimensionSweeps}): a dimension moves
 * the attribute its sweeps flip most often, with the {@link Evaluator}'s steerability as the reliability (the
 * share of sweeps whose low end the judge reads as absent and whose high end as present), taken in the better of
 * the two directions, since nobody told an unnamed dimension which way is "more". Ties (say, nothing flips at
 * all) go to the attribute whose judged probability changes most between the ends on average.
 *
 * <p>The same sweeps give {@link TraversalMonotonicity} for the attribute each dimension stands for: its own
 * name for a semantic dimension the judge reads, else the attribute it was found to move.
 */
public final class DimensionNaming {
    /** Metric-key prefix of per-dimension monotonicity; {@code monotonicity.mean} pools every dimension's sweeps. */
    public static final String MONOTONICITY = "monotonicity.";
    /** Metric-key prefix of the after-the-fact steerability and leakage ({@link #bestPerAttribute}). */
    public static final String EXPLAINED = "explained.";

    private DimensionNaming() {}

    /**
     * What the sweeps found.
     *
     * @param explained per dimension name, the attribute it moves most
     * @param metrics {@code monotonicity.<dimension>} and {@code monotonicity.mean}, where any sweep moved
     */
    public record Findings(Map<String, DimensionExplanation> explained, Map<String, Double> metrics) {}

    /**
     * The attribute one dimension moves most.
     *
     * @param sweep judged probabilities [base code][step from min to max][attribute]
     * @param attributes the judge's attributes, in column order (at least one)
     */
    public static DimensionExplanation name(double[][][] sweep, List<String> attributes) {
        if (attributes.isEmpty() || sweep.length == 0) {
            throw new IllegalArgumentException("naming a dimension needs at least one judged attribute and one sweep");
        }
        int best = -1;
        double bestSteers = -1;
        double bestChange = -1;
        boolean bestIncreases = true;
        for (int a = 0; a < attributes.size(); a++) {
            int up = 0;
            int down = 0;
            double change = 0;
            for (double[][] s : sweep) {
                double lo = s[0][a];
                double hi = s[s.length - 1][a];
                up += lo < 0.5 && hi > 0.5 ? 1 : 0;
                down += lo > 0.5 && hi < 0.5 ? 1 : 0;
                change += Math.abs(hi - lo);
            }
            double steers = (double) Math.max(up, down) / sweep.length;
            change /= sweep.length;
            if (steers > bestSteers || (steers == bestSteers && change > bestChange)) {
                best = a;
                bestSteers = steers;
                bestChange = change;
                bestIncreases = up >= down;
            }
        }
        return new DimensionExplanation(attributes.get(best), bestSteers, leakage(sweep, best), bestIncreases);
    }

    /** Mean share of the attributes other than {@code named} whose reading differs between a sweep's two ends. */
    static double leakage(double[][][] sweep, int named) {
        int attributes = sweep[0][0].length;
        if (attributes < 2) {
            return 0;
        }
        double leak = 0;
        for (double[][] s : sweep) {
            int changed = 0;
            for (int a = 0; a < attributes; a++) {
                if (a != named && (s[0][a] > 0.5) != (s[s.length - 1][a] > 0.5)) {
                    changed++;
                }
            }
            leak += (double) changed / (attributes - 1);
        }
        return leak / sweep.length;
    }

    /**
     * Names every swept dimension and measures monotonicity.
     *
     * @param sweeps per dimension name, judged probabilities [base][step][attribute]
     * @param layout the model's latent layout (which dimensions are semantic)
     * @param attributes the judge's attributes, in column order
     */
    public static Findings of(Map<String, double[][][]> sweeps, LatentLayout layout, List<String> attributes) {
        Map<String, DimensionExplanation> explained = new LinkedHashMap<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        TraversalMonotonicity.Count all = new TraversalMonotonicity.Count(0, 0);
        for (var e : sweeps.entrySet()) {
            DimensionExplanation found = name(e.getValue(), attributes);
            explained.put(e.getKey(), found);
            LatentDimension dim = layout.get(layout.indexOf(e.getKey()).orElseThrow());
            int column = dim.isSemantic() && attributes.contains(dim.name())
                    ? attributes.indexOf(dim.name())
                    : attributes.indexOf(found.attribute());
            List<double[]> readings = new ArrayList<>();
            for (double[][] s : e.getValue()) {
                double[] r = new double[s.length];
                for (int k = 0; k < s.length; k++) {
                    r[k] = s[k][column];
                }
                readings.add(r);
            }
            TraversalMonotonicity.Count c = TraversalMonotonicity.count(readings);
            if (c.moving() > 0) {
                metrics.put(MONOTONICITY + e.getKey(), c.share());
            }
            all = all.plus(c);
        }
        if (all.moving() > 0) {
            metrics.put(MONOTONICITY + "mean", all.share());
        }
        metrics.putAll(bestPerAttribute(explained, attributes));
        return new Findings(explained, metrics);
    }

    /**
     * Steerability and leakage read after the fact, for models with or without named sliders: per judged attribute,
     * the best {@code steers} of any dimension found to move it (0 when none does) and that dimension's leakage;
     * {@code explained.steerability.min}, {@code .mean} and {@code explained.leakage.mean} over attributes (leakage
     * over the attributes some dimension moves).
     */
    static Map<String, Double> bestPerAttribute(Map<String, DimensionExplanation> explained, List<String> attributes) {
        Map<String, Double> out = new LinkedHashMap<>();
        double min = Double.POSITIVE_INFINITY;
        double sum = 0;
        double leak = 0;
        int moved = 0;
        for (String a : attributes) {
            DimensionExplanation best = null;
            for (DimensionExplanation e : explained.values()) {
                if (e.steers() > 0 && e.attribute().equals(a) && (best == null || e.steers() > best.steers())) {
                    best = e;
                }
            }
            double steers = best == null ? 0 : best.steers();
            min = Math.min(min, steers);
            sum += steers;
            if (best != null) {
                leak += best.leaks();
                moved++;
            }
        }
        if (!attributes.isEmpty()) {
            out.put(EXPLAINED + MetricKeys.STEERABILITY + "min", min);
            out.put(EXPLAINED + MetricKeys.STEERABILITY_MEAN, sum / attributes.size());
        }
        if (moved > 0) {
            out.put(EXPLAINED + MetricKeys.LEAKAGE_MEAN, leak / moved);
        }
        return out;
    }
}
