package org.latentlens.core.eval;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Stops a long measurement (an evaluation, a search for directions) at its next stage once the user cancels: every
 * callback it wraps first throws a {@link CancellationException} when {@code cancelled} has turned true.
 */
public final class StopCheck {
    private final BooleanSupplier cancelled;
    private final String what;

    /**
     * @param what names the work in the exception, e.g. {@code evaluation}
     */
    public StopCheck(BooleanSupplier cancelled, String what) {
        this.cancelled = cancelled;
        this.what = what;
    }

    /** Throws when cancelled. */
    public void now() {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException(what + " cancelled");
        }
    }

    /** {@code log}, stopping first when cancelled. */
    public Consumer<String> log(Consumer<String> log) {
        return line -> {
            now();
            log.accept(line);
        };
    }

    /** {@code progress}, stopping first when cancelled. */
    public IntConsumer progress(IntConsumer progress) {
        return step -> {
            now();
            progress.accept(step);
        };
    }
}
