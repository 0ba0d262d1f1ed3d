package org.latentlens.core.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.DoubleStream;
import org.latentlens.core.data.Batch;
import org.latentlens.core.data.BatchStream;
import org.latentlens.core.data.GroundTruthFactors;
import org.latentlens.core.data.ImageDataset;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentDimension;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.LatentSampler;
import org.latentlens.core.model.MetricKeys;
import org.latentlens.core.model.ModelRole;
import org.latentlens.core.model.RealismCalibration;
import org.latentlens.core.model.ScoreDistribution;

/**
 * Measures how interpretable a model is, reading every generated image through a {@link Judge}.
 *
 * <ul>
 *   <li><b>steerability</b> of a semantic dimension: the share of interventions (that dimension set to the
 *       low, then the high end of its range, the others sampled from the prior) where the judge reads the
 *       attribute absent at the low end and present at the high end;</li>
 *   <li><b>leakage</b>: in those interventions, the mean share of the other judged attributes whose reading
 *       changes;</li>
 *   <li><b>reconstruction</b>: PSNR and SSIM of G(E(x)) against held-out x, and the share of attributes the
 *       judge reads the same on both;</li>
 *   <li><b>realism</b>: Fréchet distance between real and generated images in the judge's feature space;</li>
 *   <li><b>realism calibration</b>: the model's own discriminator scores on those same held-out real and
 *       generated images, kept as two distributions so that the app can say where a score falls instead of
 *       showing a bare logit;</li>
 *   <li><b>sweeps</b>: every dimension swept from its minimum to its maximum and named after the attribute it
 *       moves most ({@link DimensionNaming}), with traversal monotonicity ({@link TraversalMonotonicity});</li>
 *   <li><b>disentanglement</b>: when the held-out data has ground-truth factors (synthetic faces), MIG, SAP and
 *       DCI of the encoder's code ({@link DisentanglementScores}).</li>
 * </ul>
 * Reconstruction and disentanglement need an encoder, realism calibration a discriminator; a model without one
 * gets the other figures.
 */
public final class Evaluator {
    private static final int BATCH = 64;

    /**
     * How much to measure.
     *
     * @param interventions codes per semantic dimension
     * @param reconstructions held-out images to reconstruct
     * @param frechetImages images per side of the Fréchet distance
     * @param seed latent sampling and image choice
     * @param sweepBases base codes each dimension is swept from
     * @param sweepSteps slider values per sweep, minimum to maximum
     * @param factorSamples images encoded for the disentanglement metrics
     * @param frechetDraws sets of generated images the Fréchet distance is measured with, each against the same
     *     real images; the figure is their mean (one draw of a few hundred images moves it by several points)
     */
    public record Settings(
            int interventions,
            int reconstructions,
            int frechetImages,
            long seed,
            int sweepBases,
            int sweepSteps,
            int factorSamples,
            int frechetDraws) {
        /** Generated sets the Fréchet distance averages over unless told otherwise. */
        public static final int FRECHET_DRAWS = 5;

        /** What {@code latent-lens evaluate} uses unless told otherwise. */
        public static final Settings DEFAULT = new Settings(200, 256, 1000, 7);

        /** Checks the counts. */
        public Settings {
            if (frechetDraws < 1) {
                throw new IllegalArgumentException("the Fréchet distance needs at least one draw, not " + frechetDraws);
            }
        }

        /** Settings with the default sweeps (32 codes, 7 steps) and 5000 images for disentanglement. */
        public Settings(int interventions, int reconstructions, int frechetImages, long seed) {
            this(interventions, reconstructions, frechetImages, seed, 32, 7, 5000);
        }

        /** Settings averaging the Fréchet distance over {@value #FRECHET_DRAWS} draws. */
        public Settings(
                int interventions,
                int reconstructions,
                int frechetImages,
                long seed,
                int sweepBases,
                int sweepSteps,
                int factorSamples) {
            this(
                    interventions,
                    reconstructions,
                    frechetImages,
                    seed,
                    sweepBases,
                    sweepSteps,
                    factorSamples,
                    FRECHET_DRAWS);
        }

        /** These settings with {@code draws} generated sets for the Fréchet distance. */
        public Settings withFrechetDraws(int draws) {
            return new Settings(
                    interventions, reconstructions, frechetImages, seed, sweepBases, sweepSteps, factorSamples, draws);
        }
    }

    private final GanModel model;
    private final Judge judge;
    private final Consumer<String> log;

    /** An evaluator of {@code model} read through {@code judge}; {@code log} receives progress lines. */
    public Evaluator(GanModel model, Judge judge, Consumer<String> log) {
        this.model = model;
        this.judge = judge;
        this.log = log;
    }

    /** Runs every measurement on {@code heldOut} real images (never used in training). */
    public Evaluation evaluate(ImageDataset heldOut, Settings s) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("judge.accuracy", judge.info().meanAccuracy());
        judge.info().heldOutAccuracy().forEach((a, acc) -> m.put("judge.accuracy." + a, acc));
        steerability(s, m);
        if (model.supports(ModelRole.ENCODE)) {
            reconstruction(heldOut, s, m);
        }
        RealismCalibration calibration = realism(heldOut, s, m);
        DimensionNaming.Findings findings = DimensionNaming.of(
                DimensionSweeps.sweep(model, judge, s.sweepBases(), s.sweepSteps(), s.seed() + 3),
                model.manifest().latent(),
                judge.attributes());
        findings.explained().forEach((dim, e) -> log.accept(String.format(Locale.ROOT, "%-20s %s", dim, e.describe())));
        m.putAll(findings.metrics());
        if (m.containsKey(DimensionNaming.MONOTONICITY + "mean")) {
            log.accept(String.format(
                    Locale.ROOT,
                    "monotonicity         %.3f of sweeps that move their attribute",
                    m.get(DimensionNaming.MONOTONICITY + "mean")));
        }
        if (model.supports(ModelRole.ENCODE) && heldOut instanceof GroundTruthFactors && s.factorSamples() >= 20) {
            disentanglement(heldOut, s, m);
        }
        return new Evaluation(m, calibration, findings.explained());
    }

    private void disentanglement(ImageDataset heldOut, Settings s, Map<String, Double> out) {
        FactorCodes fc = FactorCodes.collect(model, heldOut, s.factorSamples(), s.seed() + 4);
        DisentanglementScores d = DisentanglementScores.of(fc.codes(), fc.factors());
        out.putAll(d.asMetrics());
        log.accept(String.format(
                Locale.ROOT,
                "disentanglement      MIG %.3f  SAP %.3f  DCI %.3f / %.3f / %.3f (%d images," + " %d factors)",
                d.mig(),
                d.sap(),
                d.dci().disentanglement(),
                d.dci().completeness(),
                d.dci().informativeness(),
                d.samples(),
                fc.factorNames().size()));
    }

    private void steerability(Settings s, Map<String, Double> out) {
        LatentLayout layout = model.manifest().latent();
        List<Integer> dims = new ArrayList<>();
        List<Integer> judgeColumns = new ArrayList<>();
        for (int d : layout.semanticIndices()) {
            int col = judge.attributes().indexOf(layout.get(d).name());
            if (col >= 0) {
                dims.add(d);
                judgeColumns.add(col);
            }
        }
        double steerSum = 0;
        double leakSum = 0;
        for (int k = 0; k < dims.size(); k++) {
            int dim = dims.get(k);
            LatentDimension spec = layout.get(dim);
            Random r = new Random(s.seed() * 31 + dim);
            int success = 0;
            double leak = 0;
            for (int done = 0; done < s.interventions(); done += BATCH / 2) {
                int n = Math.min(BATCH / 2, s.interventions() - done);
                List<float[]> codes = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    float[] z = LatentSampler.sample(layout, r);
                    float[] lo = z.clone();
                    float[] hi = z.clone();
                    lo[dim] = spec.min();
                    hi[dim] = spec.max();
                    codes.add(lo);
                    codes.add(hi);
                }
                FloatMatrix logits =
                        judge.read(model.generate(FloatMatrix.ofRows(codes))).logits();
                for (int i = 0; i < n; i++) {
                    int lo = 2 * i;
                    int hi = 2 * i + 1;
                    int target = judgeColumns.get(k);
                    if (logits.get(lo, target) < 0 && logits.get(hi, target) > 0) {
                        success++;
                    }
                    if (judgeColumns.size() > 1) {
                        int changed = 0;
                        for (int other : judgeColumns) {
                            if (other != target && (logits.get(lo, other) > 0) != (logits.get(hi, other) > 0)) {
                                changed++;
                            }
                        }
                        leak += (double) changed / (judgeColumns.size() - 1);
                    }
                }
            }
            double steer = (double) success / s.interventions();
            double leakage = leak / s.interventions();
            out.put(MetricKeys.steerability(spec.name()), steer);
            out.put(MetricKeys.leakage(spec.name()), leakage);
            steerSum += steer;
            leakSum += leakage;
            log.accept(
                    String.format(Locale.ROOT, "%-20s steerability %.3f  leakage %.3f", spec.name(), steer, leakage));
        }
        if (!dims.isEmpty()) {
            out.put(MetricKeys.STEERABILITY_MEAN, steerSum / dims.size());
            out.put(MetricKeys.LEAKAGE_MEAN, leakSum / dims.size());
        }
    }

    private void reconstruction(ImageDataset heldOut, Settings s, Map<String, Double> out) {
        ImageSpec spec = model.manifest().image();
        LatentLayout layout = model.manifest().latent();
        List<Integer> judged = new ArrayList<>();
        for (int d : layout.semanticIndices()) {
            int col = judge.attributes().indexOf(layout.get(d).name());
            if (col >= 0) {
                judged.add(col);
            }
        }
        double psnr = 0;
        double ssim = 0;
        double agree = 0;
        int n = 0;
        try (BatchStream stream =
                BatchStream.of(heldOut, spec, BATCH, order(heldOut.size(), s.reconstructions(), s.seed()), 2)) {
            while (stream.hasNext()) {
                Batch b = stream.next();
                if (b.count() == 0) {
                    continue;
                }
                ImageBatch rec = model.generate(model.encode(b.images()).latent());
                FloatMatrix before = judge.read(b.images()).logits();
                FloatMatrix after = judge.read(rec).logits();
                for (int i = 0; i < b.count(); i++) {
                    float[] x = b.images().image(i);
                    float[] y = rec.image(i);
                    psnr += ImageMetrics.psnr(x, y, spec);
                    ssim += ImageMetrics.ssim(x, y, spec);
                    if (!judged.isEmpty()) {
                        int same = 0;
                        for (int col : judged) {
                            if ((before.get(i, col) > 0) == (after.get(i, col) > 0)) {
                                same++;
                            }
                        }
                        agree += (double) same / judged.size();
                    }
                    n++;
                }
            }
        }
        if (n > 0) {
            out.put(MetricKeys.PSNR, psnr / n);
            out.put(MetricKeys.SSIM, ssim / n);
            if (!judged.isEmpty()) {
                out.put(MetricKeys.ATTRIBUTE_AGREEMENT, agree / n);
            }
            log.accept(String.format(
                    Locale.ROOT,
                    "reconstruction       PSNR %.2f dB  SSIM %.3f  (%d held-out images)",
                    psnr / n,
                    ssim / n,
                    n));
        }
    }

    /** Judge features of {@code n} images generated from random codes drawn with {@code r}. */
    private double[][] generatedFeatures(int n, Random r) {
        return generatedFeatures(n, r, batch -> {});
    }

    /** As {@link #generatedFeatures(int, Random)}, also handing each generated batch to {@code each}. */
    private double[][] generatedFeatures(int n, Random r, Consumer<ImageBatch> each) {
        List<double[]> rows = new ArrayList<>();
        for (int done = 0; done < n; done += BATCH) {
            List<float[]> codes = new ArrayList<>();
            for (int i = 0; i < Math.min(BATCH, n - done); i++) {
                codes.add(LatentSampler.sample(model.manifest().latent(), r));
            }
            ImageBatch generated = model.generate(FloatMatrix.ofRows(codes));
            addRows(rows, judge.read(generated).features());
            each.accept(generated);
        }
        return rows.toArray(double[][]::new);
    }

    /** Measures the Fréchet distance and, on the same images, the calibration of the discriminator's scores. */
    private RealismCalibration realism(ImageDataset heldOut, Settings s, Map<String, Double> out) {
        ImageSpec spec = model.manifest().image();
        List<double[]> real = new ArrayList<>();
        DoubleStream.Builder realScores = DoubleStream.builder();
        try (BatchStream stream =
                BatchStream.of(heldOut, spec, BATCH, order(heldOut.size(), s.frechetImages(), s.seed() + 1), 2)) {
            while (stream.hasNext()) {
                Batch b = stream.next();
                if (b.count() > 0) {
                    addRows(real, judge.read(b.images()).features());
                    if (model.supports(ModelRole.DISCRIMINATE)) {
                        addAll(realScores, model.discriminate(b.images()).realism());
                    }
                }
            }
        }
        DoubleStream.Builder fakeScores = DoubleStream.builder();
        double[][] fake = generatedFeatures(real.size(), new Random(s.seed() + 2), generated -> {
            if (model.supports(ModelRole.DISCRIMINATE)) {
                addAll(fakeScores, model.discriminate(generated).realism());
            }
        });
        if (real.size() > 2) {
            double[][] realRows = real.toArray(double[][]::new);
            // The first draw's images also calibrate D's scores; the others only steady the distance.
            double[] fds = new double[s.frechetDraws()];
            fds[0] = FrechetDistance.between(realRows, fake);
            for (int d = 1; d < fds.length; d++) {
                fds[d] = FrechetDistance.between(
                        realRows, generatedFeatures(real.size(), new Random(s.seed() + 100 + d)));
            }
            double mean = Arrays.stream(fds).average().orElseThrow();
            double sd = fds.length < 2
                    ? 0
                    : Math.sqrt(
                            Arrays.stream(fds).map(v -> (v - mean) * (v - mean)).sum() / (fds.length - 1));
            out.put(MetricKeys.JUDGE_FRECHET, mean);
            if (fds.length > 1) {
                out.put(MetricKeys.JUDGE_FRECHET_SD, sd);
                out.put(MetricKeys.JUDGE_FRECHET_DRAWS, (double) fds.length);
            }
            log.accept(String.format(
                    Locale.ROOT,
                    "realism              judge-feature Frechet distance %.3f (%d images each; %s; not FID)",
                    mean,
                    real.size(),
                    fds.length == 1
                            ? "one draw"
                            : String.format(
                                    Locale.ROOT, "mean of %d draws of generated images, sd %.2f", fds.length, sd)));
        }
        RealismCalibration c = calibration(realScores, fakeScores, heldOut.description());
        if (c != null) {
            defaultView(c, out);
        }
        return c;
    }

    /**
     * Where the face the app opens on (every dimension at its default) falls among the calibration's real faces: the
     * first realism statement a user reads.
     */
    private void defaultView(RealismCalibration c, Map<String, Double> out) {
        float[] code = model.manifest().latent().defaults();
        double score =
                model.discriminate(model.generate(FloatMatrix.ofRow(code))).realism()[0];
        RealismCalibration.Placement p = c.place(score);
        out.put(MetricKeys.DEFAULT_VIEW_SCORE, score);
        out.put(MetricKeys.DEFAULT_VIEW_REAL_PERCENTILE, p.realPercentile());
        log.accept(String.format(
                Locale.ROOT,
                "realism of the default view: score %.2f, %.0fth percentile of real faces" + " (%s)",
                score,
                p.realPercentile(),
                p.band() == RealismCalibration.Band.TYPICAL
                        ? "typical"
                        : p.band().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
    }

    private RealismCalibration calibration(
            DoubleStream.Builder realScores, DoubleStream.Builder generatedScores, String source) {
        double[] real = realScores.build().toArray();
        double[] generated = generatedScores.build().toArray();
        if (real.length == 0 || generated.length == 0) {
            return null;
        }
        RealismCalibration c = new RealismCalibration(
                ScoreDistribution.of(real, ScoreDistribution.PERCENTILES),
                ScoreDistribution.of(generated, ScoreDistribution.PERCENTILES),
                source + ", held-out images");
        log.accept(String.format(
                Locale.ROOT,
                "realism calibration  discriminator score, median (5th..95th percentile):"
                        + " real %.2f (%.2f..%.2f), generated %.2f (%.2f..%.2f)",
                c.real().quantile(0.5),
                c.real().quantile(0.05),
                c.real().quantile(0.95),
                c.generated().quantile(0.5),
                c.generated().quantile(0.05),
                c.generated().quantile(0.95)));
        return c;
    }

    private static void addAll(DoubleStream.Builder out, float[] scores) {
        for (float v : scores) {
            out.add(v);
        }
    }

    private static void addRows(List<double[]> out, FloatMatrix m) {
        for (int i = 0; i < m.rows(); i++) {
            double[] row = new double[m.cols()];
            for (int j = 0; j < m.cols(); j++) {
                row[j] = m.get(i, j);
            }
            out.add(row);
        }
    }

    /** {@code count} distinct indices below {@code size} in a seeded order. */
    static int[] order(int size, int count, long seed) {
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        Random r = new Random(seed);
        int n = Math.min(count, size);
        for (int i = 0; i < n; i++) {
            int j = i + r.nextInt(size - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, n);
    }
}
