package org.latentlens.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Proves a loaded model computes what its manifest promises: every role it serves is called once on a small
 * batch and its outputs are checked for shape, finiteness and the declared value range. A bundle that loads but
 * fails here would otherwise fail on first use, in the middle of a drag or an export.
 */
public final class ModelSelfCheck {
    /** Codes (and images) per call: small, so opening a model stays quick. */
    static final int BATCH = 4;

    private ModelSelfCheck() {}

    /**
     * What the check found.
     *
     * @param checked one line per role that ran and passed, for {@code latent-lens info}
     * @param problems what makes the model unusable, each with the fix in Keras/PyTorch terms
     * @param warnings what is suspicious but usable
     */
    public record Report(List<String> checked, List<String> problems, List<String> warnings) {}

    /** Runs every role {@code model} supports once. */
    public static Report run(GanModel model) {
        List<String> checked = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        ModelManifest m = model.manifest();
        ImageSpec spec = m.image();
        Random random = new Random(7);
        List<float[]> codes = new ArrayList<>();
        codes.add(m.latent().defaults());
        while (codes.size() < BATCH) {
            codes.add(LatentSampler.sample(m.latent(), random));
        }
        ImageBatch images;
        try {
            images = model.generate(FloatMatrix.ofRows(codes));
        } catch (RuntimeException e) {
            problems.add("generate failed: " + e.getMessage() + hintFor(e));
            return new Report(checked, problems, warnings);
        }
        if (images.count() != BATCH
                || images.height() != spec.height()
                || images.width() != spec.width()
                || images.channels() != spec.channels()) {
            problems.add(String.format(
                    Locale.ROOT,
                    "generate returned %d images of %dx%dx%d for %d codes; the manifest "
                            + "promises %dx%dx%d (width x height x channels)",
                    images.count(),
                    images.width(),
                    images.height(),
                    images.channels(),
                    BATCH,
                    spec.width(),
                    spec.height(),
                    spec.channels()));
            return new Report(checked, problems, warnings);
        }
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : images.data()) {
            if (!Float.isFinite(v)) {
                problems.add("generate returned NaN or infinite pixel values: the weights may be damaged or the model "
                        + "diverged in training; export it again from a good checkpoint");
                return new Report(checked, problems, warnings);
            }
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        float slack = 0.01f * (spec.maxValue() - spec.minValue());
        String observed = String.format(Locale.ROOT, "[%.3f, %.3f]", lo, hi);
        String declared = String.format(Locale.ROOT, "[%s, %s]", spec.minValue(), spec.maxValue());
        if (lo < spec.minValue() - slack || hi > spec.maxValue() + slack) {
            problems.add(
                    "generate produced pixel values in " + observed + ", outside the declared image range " + declared
                            + ". Set \"image\": {\"range\": [...]} in manifest.json to the generator's output range: a tanh output "
                            + "layer (Keras activation='tanh', PyTorch nn.Tanh) is [-1, 1], a sigmoid is [0, 1], a raw 8-bit output "
                            + "is [0, 255]");
        } else if (spec.minValue() < 0 && lo >= 0 && hi <= 1 && hi - lo < 0.6 * (spec.maxValue() - spec.minValue())) {
            warnings.add("generate's pixels all lie in " + observed + " although the declared range is " + declared
                    + ": if the output layer is a sigmoid, the range should be [0, 1] (colours will look washed out)");
        }
        checked.add("generate: " + BATCH + " images of " + spec.width() + "x" + spec.height() + "x" + spec.channels()
                + ", values in " + observed + " (declared " + declared + ")");
        if (model.supports(ModelRole.ENCODE)) {
            try {
                Encoding e = model.encode(images);
                expectMatrix(
                        problems,
                        "encode",
                        "latent",
                        e.latent(),
                        BATCH,
                        m.latent().size());
                expectMatrix(
                        problems,
                        "encode",
                        "attributes",
                        e.attributeLogits(),
                        BATCH,
                        m.attributes().size());
                checked.add("encode: latent [" + BATCH + ", " + m.latent().size() + "], attributes [" + BATCH + ", "
                        + m.attributes().size() + "]");
            } catch (RuntimeException ex) {
                problems.add("encode failed: " + ex.getMessage() + hintFor(ex));
            }
        }
        if (model.supports(ModelRole.DISCRIMINATE)) {
            try {
                Discrimination d = model.discriminate(images);
                if (d.realism().length != BATCH) {
                    problems.add("discriminate returned " + d.realism().length + " realism scores for " + BATCH
                            + " images; it must return one per image ([N] or [N, 1])");
                } else if (!allFinite(d.realism())) {
                    problems.add("discriminate returned NaN or infinite realism scores");
                }
                expectMatrix(
                        problems,
                        "discriminate",
                        "attributes",
                        d.attributeLogits(),
                        BATCH,
                        m.attributes().size());
                checked.add("discriminate: realism [" + BATCH + "], attributes [" + BATCH + ", "
                        + m.attributes().size() + "]");
            } catch (RuntimeException ex) {
                problems.add("discriminate failed: " + ex.getMessage() + hintFor(ex));
            }
        }
        if (model.supports(ModelRole.SALIENCY) && problems.isEmpty()) {
            try {
                SaliencyMaps s = model.saliency(
                        new ImageBatch(1, images.height(), images.width(), images.channels(), images.image(0)));
                if (s.count() != 1
                        || s.height() != spec.height()
                        || s.width() != spec.width()
                        || !allFinite(s.data())) {
                    problems.add("saliency returned " + s.count() + " maps of " + s.width() + "x" + s.height()
                            + " (or non-finite values) for one " + spec.width() + "x" + spec.height() + " image");
                } else {
                    checked.add("saliency: one " + spec.width() + "x" + spec.height() + " map");
                }
            } catch (RuntimeException ex) {
                problems.add("saliency failed: " + ex.getMessage() + hintFor(ex));
            }
        }
        return new Report(checked, problems, warnings);
    }

    private static void expectMatrix(
            List<String> problems, String role, String tensor, FloatMatrix x, int rows, int cols) {
        if (x.rows() != rows || x.cols() != cols) {
            problems.add(role + " returned '" + tensor + "' of shape [" + x.rows() + ", " + x.cols() + "] for " + rows
                    + " images; the manifest implies [" + rows + ", " + cols + "]");
        } else if (!allFinite(x.data())) {
            problems.add(role + " returned NaN or infinite values in '" + tensor + "'");
        }
    }

    private static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** The fix for failures we know the cause of. */
    private static String hintFor(RuntimeException e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("Could not find variable")
                || msg.contains("uninitialized value")
                || msg.contains("Resource localhost/")) {
            return ". The SavedModel's variables were not restored. Keras 3 models kept as attributes of a tf.Module "
                    + "save their variables twice and the signatures read the copy that is never restored: export with "
                    + "keras.export.ExportArchive (src/main/python/latentlens_export does this; see docs/model-format.md). "
                    + "Also check that saved_model/variables/ was copied along";
        }
        return "";
    }
}
