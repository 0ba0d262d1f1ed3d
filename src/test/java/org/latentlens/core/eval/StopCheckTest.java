package org.latentlens.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Wrapped callbacks pass through until the user cancels, then stop the work before doing anything. */
class StopCheckTest {
    @Test
    void callbacksRunUntilCancelledThenStopTheWork() {
        AtomicBoolean cancelled = new AtomicBoolean();
        StopCheck stop = new StopCheck(cancelled::get, "evaluation");
        List<String> lines = new ArrayList<>();
        List<Integer> steps = new ArrayList<>();
        var log = stop.log(lines::add);
        var progress = stop.progress(steps::add);
        log.accept("judge trained");
        progress.accept(50);
        cancelled.set(true);
        CancellationException e = assertThrows(CancellationException.class, () -> log.accept("never shown"));
        assertEquals("evaluation cancelled", e.getMessage());
        assertThrows(CancellationException.class, () -> progress.accept(100));
        assertThrows(CancellationException.class, stop::now);
        assertEquals(List.of("judge trained"), lines);
        assertEquals(List.of(50), steps);
    }
}
