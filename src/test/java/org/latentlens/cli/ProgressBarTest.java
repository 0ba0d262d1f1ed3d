package org.latentlens.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bar's rate counts only the work done since it started, so a resumed run shows its real speed. */
class ProgressBarTest {
    @Test
    void aResumedRunShowsTheRateOfItsOwnSteps() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressBar bar =
                new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "train", 11_000, now::get);
        now.set(1_000_000_000L);
        bar.update(7_001, null); // resumed at step 7,000: one step in the first second
        now.set(4_000_000_000L);
        bar.update(7_008, null); // eight steps in four seconds
        String shown = bytes.toString(StandardCharsets.UTF_8);
        String last = shown.substring(shown.lastIndexOf('\r'));
        assertTrue(last.contains("7008/11000  2.0/s  ETA 33:16"), last);
    }

    @Test
    void aRunThatEndsAtItsCpuBudgetShowsTheBudgetsShareAndEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressBar bar =
                new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "train", 40_000, now::get);
        bar.update(1, 0, null, null);
        now.set(10_000_000_000L);
        bar.update(20, 0.25, Duration.ofMinutes(90), " cpu 30/120 min"); // two steps a second: 5:33:10 to 40,000
        String shown = bytes.toString(StandardCharsets.UTF_8);
        String last = shown.substring(shown.lastIndexOf('\r'));
        assertTrue(
                last.contains("[########                      ]  25% 20/40000  2.0/s  ETA 1:30:00  cpu 30/120 min"),
                last);
        now.set(11_000_000_000L);
        bar.update(22, 0.25, Duration.ofDays(1), null); // a budget further off than the steps: the steps' end
        shown = bytes.toString(StandardCharsets.UTF_8);
        last = shown.substring(shown.lastIndexOf('\r'));
        assertTrue(last.contains("ETA 5:33:09"), last);
    }
}
