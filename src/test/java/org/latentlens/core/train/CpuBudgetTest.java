package org.latentlens.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** How long a run with {@code --cpu-minutes} has left, and how far it is, on scripted clocks. */
class CpuBudgetTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void twoBusyThreadsSpendTheBudgetInHalfItsCpuTimeOfWallTime() {
        AtomicLong cpu = new AtomicLong(5 * SECOND);
        AtomicLong wall = new AtomicLong(100 * SECOND);
        CpuBudget budget = new CpuBudget(1, 0, cpu::get, wall::get);
        cpu.addAndGet(20 * SECOND); // 20 CPU seconds in 10 wall seconds: two threads
        wall.addAndGet(10 * SECOND);
        assertEquals(Duration.ofSeconds(20), budget.wallTimeLeft().orElseThrow(), "40 CPU s left at 2 per second");
        assertFalse(budget.exhausted());
    }

    @Test
    void aResumedRunCountsWhatEarlierSessionsSpent() {
        AtomicLong cpu = new AtomicLong();
        AtomicLong wall = new AtomicLong();
        CpuBudget budget = new CpuBudget(1, 50, cpu::get, wall::get);
        cpu.addAndGet(5 * SECOND); // one thread on a machine shared with other work: half the clock
        wall.addAndGet(10 * SECOND);
        assertEquals(55, budget.usedSeconds(), 1e-9);
        assertEquals(Duration.ofSeconds(10), budget.wallTimeLeft().orElseThrow(), "5 CPU s left at 0.5 per second");
        cpu.addAndGet(5 * SECOND);
        assertTrue(budget.exhausted());
        assertEquals(Duration.ZERO, budget.wallTimeLeft().orElseThrow());
    }

    @Test
    void withoutABudgetOrBeforeAnyCpuTimeThereIsNoEstimate() {
        AtomicLong cpu = new AtomicLong();
        AtomicLong wall = new AtomicLong();
        CpuBudget none = new CpuBudget(0, 0, cpu::get, wall::get);
        CpuBudget fresh = new CpuBudget(2, 0, cpu::get, wall::get);
        wall.addAndGet(SECOND);
        assertTrue(fresh.wallTimeLeft().isEmpty(), "no CPU time yet: no pace to go by");
        cpu.addAndGet(SECOND);
        assertTrue(none.wallTimeLeft().isEmpty());
        assertEquals(0, none.limitSeconds());
        assertEquals(120, fresh.limitSeconds());
    }

    @Test
    void aReportShowsTheBudgetsShareWhenItIsFurtherThanTheSteps() {
        Map<LossTerm, Double> losses = Map.of(LossTerm.D, 1.0);
        TrainingProgress budgeted =
                new TrainingProgress(1_200, 40_000, losses, 50, Duration.ofMinutes(5), 4_500, 9_000);
        TrainingProgress stepsAhead =
                new TrainingProgress(30_000, 40_000, losses, 50, Duration.ofMinutes(5), 10, 9_000);
        TrainingProgress unlimited = new TrainingProgress(1_200, 40_000, losses, 50, Duration.ofMinutes(5));
        assertTrue(budgeted.hasCpuBudget());
        assertEquals(0.5, budgeted.fractionDone(), 1e-9);
        assertEquals(0.75, stepsAhead.fractionDone(), 1e-9);
        assertFalse(unlimited.hasCpuBudget());
        assertEquals(0.03, unlimited.fractionDone(), 1e-9);
    }
}
