package org.latentlens.tensorflow.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The float variables of one graph, each with an assign op fed from Java.
 *
 * <p>Every value a variable ever holds comes from Java: seeded random initial values, checkpoint
 * contents, or weights copied from a training graph into an export graph. That keeps runs
 * reproducible per seed and keeps initial values out of the exported graph definition.
 */
public final class ParameterSet {
    /** How a variable starts before training. */
    public enum Init {
        /** Normal with the entry's standard deviation. */
        NORMAL,
        /** All zeros (biases, optimizer slots). */
        ZEROS,
        /** All ones (gains). */
        ONES
    }

    /** One variable and the ops that set it. */
    public record Entry(
            String name,
            long[] shape,
            String group,
            Init init,
            float std,
            Variable<TFloat32> variable,
            Placeholder<TFloat32> feed,
            Assign<TFloat32> assign) {
        /** Number of floats. */
        public int size() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return Math.toIntExact(n);
        }
    }

    private final Ops tf;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** Creates an empty set whose variables live in {@code tf}'s graph. */
    public ParameterSet(Ops tf) {
        this.tf = tf;
    }

    /** Adds a variable; {@code group} names the network or optimizer it belongs to. */
    public Variable<TFloat32> add(String name, String group, Init init, float std, long... shape) {
        if (entries.containsKey(name)) {
            throw new IllegalArgumentException("parameter " + name + " exists already");
        }
        Ops named = tf.withName(name);
        Variable<TFloat32> variable = named.variable(Shape.of(shape), TFloat32.class);
        Placeholder<TFloat32> feed =
                tf.withName(name + "_feed").placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
        Assign<TFloat32> assign = tf.withName(name + "_assign").assign(variable, feed);
        entries.put(name, new Entry(name, shape.clone(), group, init, std, variable, feed, assign));
        return variable;
    }

    /** All entries in creation order. */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** The entry of this name; fails clearly when absent. */
    public Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return e;
    }

    /** Variables of one group, in creation order, typed for gradient and optimizer ops. */
    public List<Operand<TFloat32>> variables(String group) {
        List<Operand<TFloat32>> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.group().equals(group)) {
                out.add(e.variable());
            }
        }
        return out;
    }

    /** Entries of one group. */
    public List<Entry> entries(String group) {
        return entries.values().stream().filter(e -> e.group().equals(group)).toList();
    }

    /** Sets every variable to its seeded initial value. */
    public void initialize(Session session, long seed) {
        Random random = new Random(seed);
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Entry e : entries.values()) {
            float[] v = new float[e.size()];
            switch (e.init()) {
                case NORMAL -> {
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) (random.nextGaussian() * e.std());
                    }
                }
                case ONES -> Arrays.fill(v, 1f);
                case ZEROS -> {}
            }
            values.put(e.name(), v);
        }
        assign(session, values);
    }

    /**
     * Sets the named variables. Names not in this set are ignored, so a training checkpoint can fill an
     * export graph that holds only some of its variables.
     */
    public void assign(Session session, Map<String, float[]> values) {
        Session.Runner runner = session.runner();
        List<TFloat32> fed = new ArrayList<>();
        try {
            for (Map.Entry<String, float[]> v : values.entrySet()) {
                Entry e = entries.get(v.getKey());
                if (e == null) {
                    continue;
                }
                if (v.getValue().length != e.size()) {
                    throw new IllegalArgumentException(
                            "parameter " + e.name() + " needs " + e.size() + " values, got " + v.getValue().length);
                }
                TFloat32 t = Tensors.of(v.getValue(), e.shape());
                fed.add(t);
                runner.feed(e.feed(), t).addTarget(e.assign());
            }
            if (!fed.isEmpty()) {
                runner.run().close();
            }
        } finally {
            fed.forEach(TFloat32::close);
        }
    }

    /** Reads the current value of every variable. */
    public Map<String, float[]> read(Session session) {
        Map<String, float[]> out = new LinkedHashMap<>();
        List<Entry> all = entries();
        Session.Runner runner = session.runner();
        all.forEach(e -> runner.fetch(e.variable()));
        try (Result result = runner.run()) {
            for (int i = 0; i < all.size(); i++) {
                out.put(all.get(i).name(), Tensors.toArray(result.get(i)));
            }
        }
        return out;
    }
}
