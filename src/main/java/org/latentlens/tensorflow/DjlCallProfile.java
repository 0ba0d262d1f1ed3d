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
  public static final String OUTPUT_BEFORE = "output: DJL toFloatArray (before)";
  /** The output phase as {@link DjlGanModel} does it now. */
  public static final String OUTPUT_NOW = "output: OutputTensors.toFloats (now)";

  private DjlCallProfile() {}

  /**
   * Phase medians in microseconds, in call order, for a model our loader opened (empty for any other model).
   *
   * @param calls timed calls after 20 warm-up calls
   */
  public static Map<String, Double> djl(GanModel model, FloatMatrix z, int calls) {
    if (!(model instanceof DjlGanModel djl)) {
      return Map.of();
    }
    String[] phases = {"sub-manager", "input NDArray (copy in)", "block.forward (session run, wrap outputs)",
        OUTPUT_BEFORE, OUTPUT_NOW,
        "close sub-manager (free tensors)"};
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
      if (i >= 0) {
        long[] stamps = {t0, t1, t2, t3, t4, t5, t6};
        for (int p = 0; p < phases.length; p++) {
          t[p][i] = (stamps[p + 1] - stamps[p]) / 1e3;
        }
      }
    }
    return medians(phases, t);
  }

  /** The same phases on a raw session: tensor in, run, copy out (closing is inside the last two). */
  public static Map<String, Double> raw(RawSessionGenerator raw, FloatMatrix z, int calls) {
    String[] phases = {"input tensor (copy in)", "session run", "copy out + close"};
    double[][] t = new double[phases.length][calls];
    for (int i = -20; i < calls; i++) {
      long[] stamps = raw.profiledGenerate(z);
      if (i >= 0) {
        for (int p = 0; p < phases.length; p++) {
          t[p][i] = (stamps[p + 1] - stamps[p]) / 1e3;
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
