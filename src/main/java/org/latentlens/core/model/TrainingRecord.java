package org.latentlens.core.model;

import java.util.Map;

/**
 * How a model was trained, as stored in its manifest.
 *
 * @param dataset a description such as {@code synthetic} or {@code celeba:/data/celeba}
 * @param steps optimizer steps taken
 * @param date ISO-8601 time the export was written
 * @param hyperParameters names and values, kept as text so that any trainer can record its own
 * @param recipe the model family trained ({@code gan}, {@code vae-gan}, ...); manifests written before recipes
 *     existed say nothing and were trained as {@link #DEFAULT_RECIPE}
 */
public record TrainingRecord(
        String dataset, long steps, String date, Map<String, String> hyperParameters, String recipe) {
    /** The recipe of models trained before recipes were recorded. */
    public static final String DEFAULT_RECIPE = "interpretable";

    /** Copies the map so that a record never changes after construction. */
    public TrainingRecord {
        hyperParameters = hyperParameters == null ? Map.of() : Map.copyOf(hyperParameters);
        recipe = recipe == null || recipe.isBlank() ? DEFAULT_RECIPE : recipe;
    }

    /** A record of the default recipe. */
    public TrainingRecord(String dataset, long steps, String date, Map<String, String> hyperParameters) {
        this(dataset, steps, date, hyperParameters, DEFAULT_RECIPE);
    }
}
