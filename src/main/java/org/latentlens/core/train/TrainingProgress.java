package org.latentlens.core.train;

import java.time.Duration;
import java.util.Map;

/**
 * One step's report.
 *
 * @param step steps done
 * @param totalSteps the target
 * @param losses named loss values of this step
 * @param imagesPerSecond recent throughput
 * @param eta estimated time to the target
 */
public record TrainingProgress(
        long step, long totalSteps, Map<LossTerm, Double> losses, double imagesPerSecond, Duration eta) {}
