package org.latentlens.core.directions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.Consumer;
import org.latentlens.core.eval.Judge;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.LatentSampler;

/**
 * Finds named sliders for any generator: one supervised direction per judged attribute (the normal of a logistic
 * boundary between sampled codes, labelled by what the judge reads on their images) and a few unsupervised ones
 * ({@link ImagePrincipalDirections}), each named after the attribute the judge sees it move most. Every direction's
 * steerability and leakage are then measured the way the evaluator measures semantic dimensions.
 *
 * <p>The judge is trained on real images only, so the directions are labelled by an outside reader, never by the
 * model's own encoder or discriminator.
 */
public final class DirectionFinder {
    private static final int BATCH = 64;

    /**
     * How much to sample and measure.
     *
     * @param samples codes drawn from the prior to fit the directions on
     * @param components unsupervised directions to keep (at most the latent size)
     * @param interventions codes per direction for steerability and leakage
     * @param rangeDeviations half-width of each slider's range in standard deviations of the prior's position along
     *     the direction (1.5 is about the semantic sliders' ±1.5 on their ±0.6..1.4 prior)
     * @param l2 the boundaries' L2 weight
     * @param seed sampling seed
     */
    public record Settings(
            int samples, int components, int interventions, double rangeDeviations, double l2, long seed) {
        /** What {@code latent-lens directions} uses unless told otherwise. */
        public static final Settings DEFAULT = new Settings(2000, 8, 200, 1.5, LogisticBoundary.DEFAULT_L2, 11);

        /** Checks the figures. */
        public Settings {
            if (samples < 2 || components < 0 || interventions < 1 || !(rangeDeviations > 0) || !(l2 > 0)) {
                throw new IllegalArgumentException("samples must be at least 2, interventions at least 1, components at"
                        + " least 0, and the range and the L2 weight positive");
            }
        }
    }

    private final GanModel model;
    private final Judge judge;
    private final List<String> attributes;
    private final int[] judgeColumns;
    private final Consumer<String> log;

    /**
     * A finder for {@code model} read through {@code judge}.
     *
     * @param attributes the judged attributes to fit and label with (each must be one of the judge's)
     * @param log receives progress lines
     */
    public DirectionFinder(GanModel model, Judge judge, List<String> attributes, Consumer<String> log) {
        this.model = model;
        this.judge = judge;
        this.attributes = List.copyOf(attributes);
        this.judgeColumns = new int[attributes.size()];
        for (int a = 0; a < judgeColumns.length; a++) {
            judgeColumns[a] = judge.attributes().indexOf(attributes.get(a));
            if (judgeColumns[a] < 0) {
                throw new IllegalArgumentException(
                        "the judge does not read '" + attributes.get(a) + "'; it reads " + judge.attributes());
            }
        }
        this.log = log;
    }

    /** Samples, fits, names and measures; supervised directions first, in attribute order, then PC1, PC2, ... */
    public List<LatentDirection> find(Settings s) {
        return find(s, List.of());
    }

    /**
     * As {@link #find(Settings)}, then names and measures {@code closedForm} (SeFa's directions from the generator's
     * weights, strongest first) as SeFa1, SeFa2, ...
     */
    public List<LatentDirection> find(Settings s, List<double[]> closedForm) {
        List<LatentDirection> out = sampleAndFit(s);
        for (int k = 0; k < closedForm.size(); k++) {
            out.add(unsupervised("SeFa" + (k + 1), closedForm.get(k), lastCodes, s));
        }
        if (!closedForm.isEmpty()) {
            log.accept(String.format(
                    Locale.ROOT, "named and measured %d closed-form (SeFa) directions", closedForm.size()));
        }
        return out;
    }

    /** The codes the last search sampled, for directions measured after the fit. */
    private double[][] lastCodes;

    private List<LatentDirection> sampleAndFit(Settings s) {
        LatentLayout layout = model.manifest().latent();
        int d = layout.size();
        double[][] codes = new double[s.samples()][];
        double[][] probabilities = new double[s.samples()][];
        ImagePrincipalDirections principal =
                new ImagePrincipalDirections(d, model.manifest().image().pixelValues());
        Random random = new Random(s.seed());
        for (int done = 0; done < s.samples(); done += BATCH) {
            List<float[]> batch = new ArrayList<>();
            for (int i = 0; i < Math.min(BATCH, s.samples() - done); i++) {
                batch.add(LatentSampler.sample(layout, random));
            }
            ImageBatch images = model.generate(FloatMatrix.ofRows(batch));
            FloatMatrix logits = judge.read(images).logits();
            for (int i = 0; i < batch.size(); i++) {
                codes[done + i] = toDouble(batch.get(i));
                probabilities[done + i] = new double[judgeColumns.length];
                for (int a = 0; a < judgeColumns.length; a++) {
                    probabilities[done + i][a] = 1 / (1 + Math.exp(-logits.get(i, judgeColumns[a])));
                }
                principal.add(batch.get(i), images.image(i));
            }
        }
        log.accept(String.format(Locale.ROOT, "sampled %d codes and read their images", s.samples()));
        lastCodes = codes;
        List<LatentDirection> out = new ArrayList<>();
        for (int a = 0; a < attributes.size(); a++) {
            supervised(a, codes, probabilities, s).ifPresent(out::add);
        }
        List<ImagePrincipalDirections.Component> components = principal.top(s.components());
        for (int k = 0; k < components.size(); k++) {
            out.add(unsupervised("PC" + (k + 1), components.get(k).direction(), codes, s));
        }
        return out;
    }

    private Optional<LatentDirection> supervised(int a, double[][] codes, double[][] probabilities, Settings s) {
        double[] targets = new double[codes.length];
        int present = 0;
        for (int i = 0; i < codes.length; i++) {
            targets[i] = probabilities[i][a];
            present += targets[i] > 0.5 ? 1 : 0;
        }
        int rarer = Math.min(present, codes.length - present);
        // With (almost) every image on one side the boundary is not determined by the data, only by the L2 term.
        if (rarer < Math.max(5, codes.length / 100)) {
            log.accept(String.format(
                    Locale.ROOT,
                    "%-20s skipped: the judge reads it present on %d of %d samples",
                    attributes.get(a),
                    present,
                    codes.length));
            return Optional.empty();
        }
        double[] normal = LogisticBoundary.fit(codes, targets, s.l2()).normal();
        double[] range = range(normal, codes, s);
        Interventions.Readings r = Interventions.run(
                model,
                judge,
                judgeColumns,
                normal,
                range[0],
                range[1],
                s.interventions(),
                interventionRandom(attributes.get(a), s));
        LatentDirection direction = new LatentDirection(
                attributes.get(a),
                DirectionKind.SUPERVISED,
                attributes.get(a),
                toFloat(normal),
                (float) range[0],
                (float) range[1],
                r.steerability(a, true),
                r.leakage(a));
        report(direction);
        return Optional.of(direction);
    }

    private LatentDirection unsupervised(String name, double[] vector, double[][] codes, Settings s) {
        double[] range = range(vector, codes, s);
        Interventions.Readings r = Interventions.run(
                model, judge, judgeColumns, vector, range[0], range[1], s.interventions(), interventionRandom(name, s));
        int best = -1;
        boolean up = true;
        double bestSteer = 0;
        for (int a = 0; a < attributes.size(); a++) {
            for (boolean sign : new boolean[] {true, false}) {
                if (r.steerability(a, sign) > bestSteer) {
                    bestSteer = r.steerability(a, sign);
                    best = a;
                    up = sign;
                }
            }
        }
        double[] oriented = vector;
        double[] orientedRange = range;
        if (!up) {
            // Point it towards "more of the attribute", as supervised directions do; the range flips with it.
            oriented = new double[vector.length];
            for (int i = 0; i < vector.length; i++) {
                oriented[i] = -vector[i];
            }
            orientedRange = new double[] {-range[1], -range[0]};
        }
        LatentDirection direction = new LatentDirection(
                name,
                DirectionKind.UNSUPERVISED,
                best < 0 ? "" : attributes.get(best),
                toFloat(oriented),
                (float) orientedRange[0],
                (float) orientedRange[1],
                best < 0 ? 0 : bestSteer,
                best < 0 ? Double.NaN : r.leakage(best));
        report(direction);
        return direction;
    }

    /**
     * Steerability and leakage.
     *
     * @param steerability share of interventions that flip the attribute as intended
     * @param leakage mean share of the other judged attributes that change
     */
    public record Measurement(double steerability, double leakage) {}

    /**
     * The model's own semantic dimension for {@code d}'s attribute, measured as the evaluator measures it (set to
     * the low, then the high end of its range) but on the same sampled codes as {@code d} was: a paired comparison
     * of the discovered direction with the model's slider. Empty when the model has no such dimension.
     */
    public Optional<Measurement> baseline(LatentDirection d, Settings s) {
        LatentLayout layout = model.manifest().latent();
        int a = attributes.indexOf(d.attribute());
        OptionalInt dim = layout.indexOf(d.attribute());
        if (a < 0 || dim.isEmpty() || !layout.get(dim.getAsInt()).isSemantic()) {
            return Optional.empty();
        }
        var spec = layout.get(dim.getAsInt());
        Interventions.Readings r = Interventions.run(
                model,
                judge,
                judgeColumns,
                LatentVectors.axis(layout.size(), dim.getAsInt()),
                spec.min(),
                spec.max(),
                s.interventions(),
                interventionRandom(d.name(), s));
        return Optional.of(new Measurement(r.steerability(a, true), r.leakage(a)));
    }

    /** The same base codes for a direction and for its {@link #baseline}. */
    private static Random interventionRandom(String directionName, Settings s) {
        return new Random(s.seed() * 31 + directionName.hashCode());
    }

    /** Mean ± {@code rangeDeviations} standard deviations of the sampled codes' positions along {@code v}. */
    private static double[] range(double[] v, double[][] codes, Settings s) {
        double sum = 0;
        double sumSq = 0;
        for (double[] z : codes) {
            double p = LatentVectors.dot(z, v);
            sum += p;
            sumSq += p * p;
        }
        double mean = sum / codes.length;
        double sd = Math.sqrt(Math.max(1e-12, sumSq / codes.length - mean * mean));
        return new double[] {mean - s.rangeDeviations() * sd, mean + s.rangeDeviations() * sd};
    }

    private void report(LatentDirection d) {
        log.accept(String.format(
                Locale.ROOT,
                "%-20s %-12s moves %-14s steerability %.3f  leakage %.3f",
                d.name(),
                d.kind().key(),
                d.attribute().isEmpty() ? "(nothing)" : d.attribute(),
                d.steerability(),
                d.leakage()));
    }

    private static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /** Rounds to float and renormalises, so that the stored vector is a unit vector in float too. */
    static float[] toFloat(double[] v) {
        double[] u = LatentVectors.unit(v);
        float[] out = new float[u.length];
        for (int i = 0; i < u.length; i++) {
            out[i] = (float) u[i];
        }
        return out;
    }
}
