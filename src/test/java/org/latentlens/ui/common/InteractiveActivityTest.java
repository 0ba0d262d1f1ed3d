package org.latentlens.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Waiting for quiet, on a clock the test moves by hand: a real thread waits, and whether it may return depends only
 * on the clock, never on how fast this machine is.
 */
class InteractiveActivityTest {
    private static final long MS = 1_000_000;
    private final AtomicLong clock = new AtomicLong(5_000 * MS);
    private final InteractiveActivity activity = new InteractiveActivity(clock::get);
    private Waiter waiter;

    /** A thread in {@code awaitQuiet}; {@link #waiting} opens once it has read its start time. */
    private final class Waiter {
        final CountDownLatch waiting = new CountDownLatch(1);
        final AtomicReference<Boolean> result = new AtomicReference<>();
        final AtomicBoolean stop = new AtomicBoolean();
        final Thread thread;

        Waiter(long quietMillis, long maxWaitMillis) throws InterruptedException {
            thread = new Thread(
                    () -> result.set(activity.awaitQuiet(quietMillis, maxWaitMillis, () -> {
                        waiting.countDown();
                        return stop.get();
                    })),
                    "waiter");
            thread.setDaemon(true);
            thread.start();
            assertTrue(waiting.await(30, TimeUnit.SECONDS), "the waiter began waiting");
        }

        /** Gives the waiter a moment, then says it still waits (it could return only through a bug). */
        void assertStillWaiting() throws InterruptedException {
            thread.join(100);
            assertTrue(thread.isAlive(), "still waiting");
        }

        boolean returned() throws InterruptedException {
            thread.join(30_000);
            assertFalse(thread.isAlive(), "the wait ended");
            return result.get();
        }
    }

    private void advance(long millis) {
        clock.addAndGet(millis * MS);
    }

    @AfterEach
    void release() {
        if (waiter != null) {
            waiter.stop.set(true);
        }
    }

    @Test
    void withNothingDoneThereIsNothingToWaitFor() {
        assertFalse(activity.isActive(120));
        assertTrue(activity.awaitQuiet(120, 60_000));
    }

    @Test
    void aWaitEndsOnceNothingHappenedForTheQuietTime() throws Exception {
        activity.touch();
        assertTrue(activity.isActive(100));
        waiter = new Waiter(100, 60_000);
        advance(60);
        waiter.assertStillWaiting();
        advance(40);
        assertTrue(waiter.returned(), "quiet, not given up");
    }

    @Test
    void eachTouchStartsTheQuietTimeAgain() throws Exception {
        activity.touch();
        waiter = new Waiter(100, 60_000);
        advance(90);
        activity.touch();
        advance(60);
        waiter.assertStillWaiting();
        advance(40);
        assertTrue(waiter.returned());
    }

    @Test
    void aRenderInFlightCountsAsActivityHoweverLongItTakes() throws Exception {
        activity.renderStarted();
        waiter = new Waiter(100, 60_000);
        advance(10_000);
        waiter.assertStillWaiting();
        activity.renderFinished();
        advance(99);
        waiter.assertStillWaiting();
        advance(1);
        assertTrue(waiter.returned());
    }

    @Test
    void aLongDragCannotHoldTheWaiterBackLongerThanTheMaximum() throws Exception {
        activity.touch();
        waiter = new Waiter(100, 500);
        for (int i = 0; i < 9; i++) {
            advance(50);
            activity.touch();
        }
        waiter.assertStillWaiting();
        advance(50);
        activity.touch();
        assertFalse(waiter.returned(), "gave up waiting, though the user is still active");
        assertTrue(activity.isActive(100));
    }

    @Test
    void theStopConditionEndsTheWait() throws Exception {
        activity.touch();
        waiter = new Waiter(100, 60_000);
        waiter.stop.set(true);
        assertFalse(waiter.returned());
    }

    @Test
    void anInterruptEndsTheWaitAndIsKept() throws Exception {
        activity.touch();
        AtomicReference<Boolean> interrupted = new AtomicReference<>();
        Thread t = new Thread(() -> {
            Thread.currentThread().interrupt();
            activity.awaitQuiet(100, 60_000);
            interrupted.set(Thread.currentThread().isInterrupted());
        });
        t.start();
        t.join(30_000);
        assertEquals(Boolean.TRUE, interrupted.get());
    }
}
