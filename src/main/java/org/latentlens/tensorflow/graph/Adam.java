package org.latentlens.tensorflow.graph;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Adam updates whose moment slots ({@code opt.m.NAME}, {@code opt.v.NAME}) live in the {@link ParameterSet},
 * so checkpoints carry the optimizer state and a resumed run continues exactly.
 */
final class Adam {
    private Adam() {}

    /** Step size and bias-correction powers, fed each step. */
    record Inputs(Operand<TFloat32> learningRate, Operand<TFloat32> beta1Power, Operand<TFloat32> beta2Power) {}

    /**
     * One ApplyAdam op per variable. A variable's moment slots are created on first use and shared by every later set
     * of updates for it (e.g. D's plain updates and its updates with lazy R1, of which a step runs one).
     *
     * @param tf for constants
     * @param scope where the update ops are created (e.g. with control dependencies)
     */
    static List<Op> updates(
            Ops tf,
            Ops scope,
            ParameterSet params,
            List<Operand<TFloat32>> vars,
            List<Operand<?>> grads,
            Inputs in,
            float beta1,
            float beta2) {
        List<Op> out = new ArrayList<>();
        for (int i = 0; i < vars.size(); i++) {
            String name = vars.get(i).op().name();
            long[] shape = params.entry(name).shape();
            Operand<TFloat32> m = slot(params, "opt.m." + name, shape);
            Operand<TFloat32> v = slot(params, "opt.v." + name, shape);
            @SuppressWarnings("unchecked")
            Operand<TFloat32> grad = (Operand<TFloat32>) grads.get(i);
            out.add(scope.train.applyAdam(
                    vars.get(i),
                    m,
                    v,
                    in.beta1Power(),
                    in.beta2Power(),
                    in.learningRate(),
                    tf.constant(beta1),
                    tf.constant(beta2),
                    tf.constant(1e-8f),
                    grad));
        }
        return out;
    }

    private static Operand<TFloat32> slot(ParameterSet params, String name, long[] shape) {
        for (ParameterSet.Entry e : params.entries("opt")) {
            if (e.name().equals(name)) {
                return e.variable();
            }
        }
        return params.add(name, "opt", ParameterSet.Init.ZEROS, 0f, shape);
    }
}
