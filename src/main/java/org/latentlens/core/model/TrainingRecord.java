package org.latentlens.core.model;

import java.util.Map;

/**
 * How a model was trained, as stored in its manifest.
 *
 * @param dataset a description such as {@code synthetic} or {@code celeba:/data/celeba}
 * @param steps optimizer steps taken
 * @param date ISO-8601 time the export was written
 * @param hyperParameters names and values, kept as text so that any trainer can record its own
 */
public record TrainingRecord(String dataset, long steps, String date, Map<String, String> hyperParameters) {
  /** Copies the map so that a record never changes after construction. */
  public TrainingRecord {
    hyperParameters = hyperParameters == null ? Map.of() : Map.copyOf(hyperParameters);
  }
}
