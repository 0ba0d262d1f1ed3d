package org.latentlens.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/** A one-line terminal progress bar with rate and ETA, redrawn at most ten times a second. */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String label;
    private final long total;
    private final LongSupplier clock;
    private final long start;
    private long lastDraw;
    /** Work already done before this bar started (a resumed run starts at its checkpoint's step). */
    private long before = -1;

    ProgressBar(PrintStream out, String label, long total) {
        this(out, label, total, System::nanoTime);
    }

    /** A bar that reads time in nanoseconds from {@code clock}. */
    ProgressBar(PrintStream out, String label, long total, LongSupplier clock) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /** Shows {@code done} of the total with an optional suffix (losses, say). */
    synchronized void update(long done, String suffix) {
        update(done, 0, null, suffix);
    }

    /**
     * Shows {@code done} of the total, with the bar filled to {@code fraction} where that is further (a run that ends
     * at a CPU budget before its steps) and the ETA no later than {@code etaLimit} where one is given.
     */
    synchronized void update(long done, double fraction, Duration etaLimit, String suffix) {
        long now = clock.getAsLong();
        if (before < 0) {
            before = Math.max(0, done - 1);
        }
        if (done < total && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        double shown = Math.min(1.0, Math.max(fraction, (double) done / total));
        int filled = (int) Math.round(shown * WIDTH);
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? (done - before) / seconds : 0;
        Duration toTotal = rate > 0 ? Duration.ofSeconds((long) ((total - done) / rate)) : null;
        Duration eta = toTotal == null || (etaLimit != null && etaLimit.compareTo(toTotal) < 0) ? etaLimit : toTotal;
        out.printf(
                Locale.ROOT,
                "\r%s [%s%s] %3.0f%% %d/%d  %.1f/s  ETA %s %s",
                label,
                "#".repeat(filled),
                " ".repeat(WIDTH - filled),
                100 * shown,
                done,
                total,
                rate,
                eta == null ? "--:--" : format(eta),
                suffix == null ? "" : suffix);
        if (done >= total) {
            out.println();
        }
        out.flush();
    }

    static String format(Duration d) {
        long s = d.getSeconds();
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
