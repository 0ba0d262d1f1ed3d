package org.latentlens.core.model;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Mutually exclusive attributes modelled as one factor with one choice per value (the race columns of a face
 * dataset: a face is one of them, not several). Each value is a semantic latent dimension; choosing a value sets
 * its dimension to "present" and the others to "absent", and the prior draws exactly one value per code.
 *
 * @param name the control's label, e.g. {@code Race}
 * @param values the semantic dimensions that form the factor, in the order the control lists them
 */
public record CategoricalFactor(String name, List<String> values) {

    /** Validates the factor on its own; {@link LatentLayout} checks it against the dimensions. */
    public CategoricalFactor {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a categorical factor needs a name");
        }
        values = List.copyOf(values);
        if (values.size() < 2) {
            throw new IllegalArgumentException(
                    "categorical factor '" + name + "' needs at least two values, has " + values);
        }
        Set<String> seen = new HashSet<>();
        for (String v : values) {
            if (!seen.add(v.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("categorical factor '" + name + "' lists '" + v + "' twice");
            }
        }
    }

    /**
     * Parses {@code Name=A,B,C} (the command line's form).
     *
     * @throws IllegalArgumentException naming the expected form
     */
    public static CategoricalFactor parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new IllegalArgumentException("--categorical takes NAME=VALUE1,VALUE2,..., for example "
                    + "Race=White,Black,Asian,Indian,Other_Race; got '" + text + "'");
        }
        return new CategoricalFactor(
                text.substring(0, eq).trim(),
                Arrays.stream(text.substring(eq + 1).split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList());
    }

    /** The command line's form, {@code Name=A,B,C}. */
    @Override
    public String toString() {
        return name + "=" + String.join(",", values);
    }
}
