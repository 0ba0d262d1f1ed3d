package org.latentlens.tensorflow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ModelRole;
import org.latentlens.core.model.SignatureNames;

/**
 * Where a batch-1 generate call through DJL spends its time, phase by phase, against the same call on a raw
 * TensorFlow session: the evidence for what of DJL's overhead is ours to remove. Each phase is timed on its own clock
 * around exactly the code {@link DjlGanModel#generate} runs; medians over many calls.
 */
public final class DjlCallProfile {
    /** The output phase as DJL's {@code toFloatArray} does it (the code before {@link OutputTensors}). */
    public static final String OUTPUT_BEFORE = "DJL output: toFloatArray (before)";
    /** The output phase as {@link DjlGanModel} does it now. */
    public static final String OUTPUT_NOW = "DJL output: OutputTensors.toFloats (now)";

    private DjlCallProfile() {}

    /**
     * Phase medians in microseconds, DJL's phases first (prefixed "DJL ") then the raw session's ("raw "), for a model
     * our loader opened (empty for any other model). Each iteration makes one DJL call and then one raw-session call,
     * so drift on a busy machine falls on both alike.
     *
     * @param calls timed iterations after 20 warm-up iterations
     */
    public static Map<String, Double> compare(GanModel model, RawSessionGenerator raw, FloatMatrix z, int calls) {
        if (!(model instanceof DjlGanModel djl)) {
            return Map.of();
        }
        String[] phases = {
            "DJL sub-manager",
            "DJL input NDArray (copy in)",
            "DJL block.forward (session run, wrap outputs)",
            OUTPUT_BEFORE,
            OUTPUT_NOW,
            "DJL close sub-manager (free tensors)",
            "raw input tensor (copy in)",
            "raw session run",
            "raw copy out + close"
        };
        double[][] t = new double[phases.length][calls];
        var block = djl.block(ModelRole.GENERATE);
        String in = djl.name(ModelRole.GENERATE, SignatureNames.Z);
        String out = djl.name(ModelRole.GENERATE, SignatureNames.IMAGE);
        for (int i = -20; i < calls; i++) {
            long t0 = System.nanoTime();
            NDManager m = djl.manager().newSubManager();
            long t1 = System.nanoTime();
            NDArray x = InputTensors.create(m, z.data(), new Shape(z.rows(), z.cols()));
            x.setName(in);
            long t2 = System.nanoTime();
            NDList result = block.forward(new ParameterStore(m, false), new NDList(x), false);
            long t3 = System.nanoTime();
            NDArray image = result.get(out);
            image.toFloatArray();
            long t4 = System.nanoTime();
            OutputTensors.toFloats(image);
            long t5 = System.nanoTime();
            m.close();
            long t6 = System.nanoTime();
            long[] r = raw.profiledGenerate(z);
            if (i >= 0) {
                long[] stamps = {t0, t1, t2, t3, t4, t5, t6};
                for (int p = 0; p < 6; p++) {
                    t[p][i] = (stamps[p + 1] - stamps[p]) / 1e3;
                }
                for (int p = 0; p < 3; p++) {
                    t[6 + p][i] = (r[p + 1] - r[p]) / 1e3;
                }
            }
        }
        return medians(phases, t);
    }

    private static Map<String, Double> medians(String[] phases, double[][] t) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int p = 0; p < phases.length; p++) {
            double[] s = t[p].clone();
            Arrays.sort(s);
            out.put(phases[p], s[s.length / 2]);
        }
        return out;
    }
}
