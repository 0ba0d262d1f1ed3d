package org.latentlens.core.train;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
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
    private final LongSupplier wallNanos;
    private final long startWallNanos;

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
        this(minutes, earlierSeconds, cpuNanos, System::nanoTime);
    }

    /** Starts counting now on the clocks {@code cpuNanos} and {@code wallNanos} (tests script both). */
    public CpuBudget(double minutes, double earlierSeconds, LongSupplier cpuNanos, LongSupplier wallNanos) {
        this.limitSeconds = minutes * 60;
        this.wallNanos = wallNanos;
        this.startWallNanos = wallNanos.getAsLong();
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
        return (wallNanos.getAsLong() - startWallNanos) / 1e9;
    }

    /** The budget over the whole run in CPU seconds; 0 where there is none. */
    public double limitSeconds() {
        return limitSeconds;
    }

    /**
     * The wall time until the budget is spent, at this session's ratio of wall to CPU time (two busy threads spend
     * CPU seconds twice as fast as the clock; a machine shared with other work, slower). Empty without a budget, where
     * the runtime does not report CPU time, or before this session has used any.
     */
    public Optional<Duration> wallTimeLeft() {
        double session = sessionSeconds();
        if (limitSeconds <= 0 || !(session > 0)) {
            return Optional.empty();
        }
        double cpuLeft = Math.max(0, limitSeconds - usedSeconds());
        return Optional.of(Duration.ofMillis((long) (cpuLeft * wallSeconds() / session * 1000)));
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
