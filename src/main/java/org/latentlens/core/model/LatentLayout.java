package org.latentlens.core.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.IntStream;

/** The ordered list of latent dimensions a model's {@code generate} signature takes. */
public final class LatentLayout {
    private final List<LatentDimension> dimensions;
    private final List<CategoricalFactor> categoricals;

    /** Creates a layout without categorical factors; dimension names must be unique. */
    public LatentLayout(List<LatentDimension> dimensions) {
        this(dimensions, List.of());
    }

    /**
     * Creates a layout whose {@code categoricals} group some semantic dimensions into one-of-N factors; each value
     * must name a semantic dimension, and a dimension may belong to one factor only.
     */
    public LatentLayout(List<LatentDimension> dimensions, List<CategoricalFactor> categoricals) {
        if (dimensions.isEmpty()) {
            throw new IllegalArgumentException("the latent layout is empty; a model needs at least one dimension");
        }
        Set<String> seen = new HashSet<>();
        for (LatentDimension d : dimensions) {
            // Compared ignoring case: 'free_0' and 'FREE_0' would be two sliders no one can tell apart.
            if (!seen.add(d.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("latent dimension name '" + d.name() + "' appears twice (names are "
                        + "compared ignoring case)");
            }
        }
        this.dimensions = List.copyOf(dimensions);
        this.categoricals = List.copyOf(categoricals);
        Set<String> grouped = new HashSet<>();
        for (CategoricalFactor c : this.categoricals) {
            if (seen.contains(c.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(
                        "categorical factor '" + c.name() + "' has the name of a latent dimension;"
                                + " give the factor its own name (for example 'Race' for the race columns)");
            }
            for (String v : c.values()) {
                OptionalInt i = indexOf(v);
                if (i.isEmpty() || !this.dimensions.get(i.getAsInt()).isSemantic()) {
                    throw new IllegalArgumentException("categorical factor '" + c.name() + "' lists '" + v
                            + "', which is not a " + "semantic latent dimension");
                }
                if (!grouped.add(v.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("'" + v + "' belongs to two categorical factors");
                }
            }
        }
    }

    /** The same dimensions grouped by {@code factors}. */
    public LatentLayout withCategoricals(List<CategoricalFactor> factors) {
        return new LatentLayout(dimensions, factors);
    }

    /** The one-of-N factors, in the order their controls are shown. */
    public List<CategoricalFactor> categoricals() {
        return categoricals;
    }

    /** Layout indices of a factor's values, in the factor's order. */
    public int[] indicesOf(CategoricalFactor factor) {
        return factor.values().stream().mapToInt(v -> indexOf(v).orElseThrow()).toArray();
    }

    /** The factor dimension {@code index} belongs to, if any. */
    public Optional<CategoricalFactor> categoricalOf(int index) {
        String name = dimensions.get(index).name();
        return categoricals.stream()
                .filter(c -> c.values().stream().anyMatch(v -> v.equalsIgnoreCase(name)))
                .findFirst();
    }

    /** The usual layout: one semantic dimension per attribute, then {@code freeCount} free ones. */
    public static LatentLayout of(
            List<String> attributes, int freeCount, float semanticHalfRange, float freeHalfRange) {
        List<LatentDimension> dims = new ArrayList<>();
        for (String a : attributes) {
            dims.add(LatentDimension.semantic(a, semanticHalfRange));
        }
        for (int i = 0; i < freeCount; i++) {
            dims.add(LatentDimension.free("free_" + i, freeHalfRange));
        }
        return new LatentLayout(dims);
    }

    public List<LatentDimension> dimensions() {
        return dimensions;
    }

    public int size() {
        return dimensions.size();
    }

    public LatentDimension get(int index) {
        return dimensions.get(index);
    }

    /** Index of the dimension with this name (case-insensitive), if any. */
    public OptionalInt indexOf(String name) {
        for (int i = 0; i < dimensions.size(); i++) {
            if (dimensions.get(i).name().equalsIgnoreCase(name)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** Indices of the semantic dimensions, in layout order. */
    public int[] semanticIndices() {
        return indicesOf(DimensionKind.SEMANTIC);
    }

    /** Whether any dimension says how common its attribute is ({@link LatentDimension#presence()}). */
    public boolean hasPresences() {
        return dimensions.stream().anyMatch(LatentDimension::hasPresence);
    }

    /**
     * This layout without the attributes' shares: random codes then draw every attribute half the time and each
     * value of a categorical factor equally often, as the trainer's default prior does.
     */
    public LatentLayout withoutPresences() {
        return new LatentLayout(
                dimensions.stream().map(d -> d.withPresence(Float.NaN)).toList(), categoricals);
    }

    /** Indices of the free dimensions, in layout order. */
    public int[] freeIndices() {
        return indicesOf(DimensionKind.FREE);
    }

    private int[] indicesOf(DimensionKind kind) {
        return IntStream.range(0, dimensions.size())
                .filter(i -> dimensions.get(i).kind() == kind)
                .toArray();
    }

    /** The default code: every dimension at its default. */
    public float[] defaults() {
        float[] z = new float[dimensions.size()];
        for (int i = 0; i < z.length; i++) {
            z[i] = dimensions.get(i).defaultValue();
        }
        return z;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatentLayout other
                && other.dimensions.equals(dimensions)
                && other.categoricals.equals(categoricals);
    }

    @Override
    public int hashCode() {
        return dimensions.hashCode() * 31 + categoricals.hashCode();
    }
}
