package org.latentlens.core.train;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The CPU time a run has used, across resumed sessions, and whether its budget is spent. Process CPU time counts
 * every thread of the process, TensorFlow's native ones included (a sum over {@code ThreadMXBean} would see only
 * Java threads), so on a shared machine a run gets the same computation for the same budget however busy the
 * machine is; wall time would not.
 */
public final class CpuBudget {
    /** The checkpoint scalar that carries the CPU seconds used by earlier sessions of a run. */
    public static final String CHECKPOINT_KEY = "cpuSeconds";

    private final double limitSeconds;
    private final double earlierSeconds;
    private final LongSupplier cpuNanos;
    private final long startCpuNanos;
    private final long startWallNanos = System.nanoTime();

    /**
     * Starts counting this process's CPU time now.
     *
     * @param minutes the budget over the whole run (0: none)
     * @param earlierSeconds CPU seconds used by the sessions before a resume (0 for a new run)
     */
    public CpuBudget(double minutes, double earlierSeconds) {
        this(minutes, earlierSeconds, CpuBudget::processCpuNanos);
    }

    /**
     * Starts counting now on the clock {@code cpuNanos} (CPU nanoseconds, negative where unknown; tests pass a
     * scripted clock).
     */
    public CpuBudget(double minutes, double earlierSeconds, LongSupplier cpuNanos) {
        this.limitSeconds = minutes * 60;
        this.earlierSeconds = earlierSeconds;
        this.cpuNanos = cpuNanos;
        this.startCpuNanos = cpuNanos.getAsLong();
        if (minutes > 0 && startCpuNanos < 0) {
            throw new IllegalStateException("this Java runtime does not report the process's CPU time, which "
                    + "--cpu-minutes needs; run without it");
        }
    }

    /** CPU seconds the run has used so far, earlier sessions included (NaN where the runtime cannot tell). */
    public double usedSeconds() {
        if (startCpuNanos < 0) {
            return Double.NaN;
        }
        return earlierSeconds + sessionSeconds();
    }

    /** CPU seconds used since this session started counting (NaN where the runtime cannot tell). */
    public double sessionSeconds() {
        if (startCpuNanos < 0) {
            return Double.NaN;
        }
        return (cpuNanos.getAsLong() - startCpuNanos) / 1e9;
    }

    /** Wall seconds since this session started counting. */
    public double wallSeconds() {
        return (System.nanoTime() - startWallNanos) / 1e9;
    }

    /** Whether there is a budget and it is used up. */
    public boolean exhausted() {
        return limitSeconds > 0 && usedSeconds() >= limitSeconds;
    }

    /** The run's closing line: "steps N, cpu S s, wall W s" (wall time of this session). */
    public String summary(long steps) {
        return String.format(Locale.ROOT, "steps %d, cpu %.1f s, wall %.1f s", steps, usedSeconds(), wallSeconds());
    }

    /** This process's CPU time in nanoseconds, all threads; -1 where the runtime does not report it. */
    public static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
