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
 * @param eta estimated time to the end of the run: to the step target, or to the CPU budget where that comes first
 * @param cpuSeconds CPU seconds the run has used, earlier sessions included (NaN where the runtime cannot tell)
 * @param cpuLimitSeconds the run's CPU budget ({@code --cpu-minutes}) in seconds; 0 where it has none
 */
public record TrainingProgress(
        long step,
        long totalSteps,
        Map<LossTerm, Double> losses,
        double imagesPerSecond,
        Duration eta,
        double cpuSeconds,
        double cpuLimitSeconds) {

    /** A report of a run without a CPU budget. */
    public TrainingProgress(
            long step, long totalSteps, Map<LossTerm, Double> losses, double imagesPerSecond, Duration eta) {
        this(step, totalSteps, losses, imagesPerSecond, eta, Double.NaN, 0);
    }

    /** Whether the run stops at a CPU budget. */
    public boolean hasCpuBudget() {
        return cpuLimitSeconds > 0;
    }

    /**
     * How far the run is, from 0 to 1: the share of its steps or, where it has a CPU budget and that share is larger,
     * of its budget (a run given a large {@code --steps} and a budget ends at the budget, so its steps would show it
     * at a few percent until it stops).
     */
    public double fractionDone() {
        double steps = (double) step / Math.max(1, totalSteps);
        double cpu = hasCpuBudget() && cpuSeconds > 0 ? cpuSeconds / cpuLimitSeconds : 0;
        return Math.min(1, Math.max(steps, cpu));
    }
}
