package org.latentlens.ui.common;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * When the user last did something that must feel live (a render asked for while dragging a slider), so that
 * background work that can wait, a training run in the same process, gives the CPU to it.
 *
 * <p>TensorFlow shares one pool of op threads per process, so thread counts cannot keep a training step off the
 * cores a render needs; instead training asks {@link #awaitQuiet} before each step and so runs between drags. A
 * step already running is not interrupted: it finishes, and the next waits. The wait is bounded, so a long drag
 * slows training down but never stops it.
 *
 * <p>Thread-safe: renders mark it from the UI thread and render workers, training waits on its own thread.
 */
public final class InteractiveActivity {
    /**
     * How long after the last render training waits before its next step: longer than the gap between a drag's
     * events (60 per second, a render each), so a drag counts as one stretch of activity.
     */
    public static final long QUIET_MILLIS = 120;
    /** The longest training waits for quiet before it takes a step anyway, so a long drag cannot starve it. */
    public static final long MAX_WAIT_MILLIS = 1500;
    /** Longest single sleep while waiting, so a waiter rechecks its clock and its stop condition often. */
    private static final long POLL_MILLIS = 20;

    private final LongSupplier nanoClock;
    private final Object lock = new Object();
    private long lastNanos;
    private boolean everTouched;
    private int rendering;

    /** Activity on the system's monotonic clock. */
    public InteractiveActivity() {
        this(System::nanoTime);
    }

    /** Activity on {@code nanoClock} (nanoseconds; tests drive it by hand). */
    public InteractiveActivity(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Something interactive happened now (a render was asked for). */
    public void touch() {
        synchronized (lock) {
            lastNanos = nanoClock.getAsLong();
            everTouched = true;
        }
    }

    /** A render started computing: the activity counts as ongoing until {@link #renderFinished()}. */
    public void renderStarted() {
        synchronized (lock) {
            rendering++;
            lastNanos = nanoClock.getAsLong();
            everTouched = true;
        }
    }

    /** The render begun by {@link #renderStarted()} is done; quiet time counts from now. */
    public void renderFinished() {
        synchronized (lock) {
            rendering = Math.max(0, rendering - 1);
            lastNanos = nanoClock.getAsLong();
        }
    }

    /** Whether a render is running or one was asked for or finished within the last {@code quietMillis}. */
    public boolean isActive(long quietMillis) {
        synchronized (lock) {
            return activeAt(nanoClock.getAsLong(), quietMillis);
        }
    }

    /**
     * Blocks while the user is active (see {@link #isActive}), but at most {@code maxWaitMillis}.
     *
     * @return true when it became quiet, false when the wait ran out (or the thread was interrupted)
     */
    public boolean awaitQuiet(long quietMillis, long maxWaitMillis) {
        return awaitQuiet(quietMillis, maxWaitMillis, () -> false);
    }

    /**
     * What a training run does before each step: {@link #awaitQuiet(long, long, BooleanSupplier)} with
     * {@link #QUIET_MILLIS} and {@link #MAX_WAIT_MILLIS}.
     */
    public boolean awaitTurn(BooleanSupplier stopWaiting) {
        return awaitQuiet(QUIET_MILLIS, MAX_WAIT_MILLIS, stopWaiting);
    }

    /**
     * As {@link #awaitQuiet(long, long)}, returning early (with false) once {@code stopWaiting} says so, e.g. when
     * the training run waiting here is cancelled.
     */
    public boolean awaitQuiet(long quietMillis, long maxWaitMillis, BooleanSupplier stopWaiting) {
        long quietNanos = quietMillis * 1_000_000;
        long start = nanoClock.getAsLong();
        synchronized (lock) {
            while (true) {
                long now = nanoClock.getAsLong();
                if (!activeAt(now, quietMillis)) {
                    return true;
                }
                long waited = now - start;
                if (waited >= maxWaitMillis * 1_000_000 || stopWaiting.getAsBoolean()) {
                    return false;
                }
                long untilQuiet = rendering > 0 ? POLL_MILLIS : (lastNanos + quietNanos - now) / 1_000_000 + 1;
                long untilGiveUp = (maxWaitMillis * 1_000_000 - waited) / 1_000_000 + 1;
                try {
                    lock.wait(Math.max(1, Math.min(POLL_MILLIS, Math.min(untilQuiet, untilGiveUp))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    private boolean activeAt(long now, long quietMillis) {
        return rendering > 0 || (everTouched && now - lastNanos < quietMillis * 1_000_000);
    }
}
