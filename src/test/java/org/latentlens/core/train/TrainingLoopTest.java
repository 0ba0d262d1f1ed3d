package org.latentlens.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.data.Datasets;
import org.latentlens.core.data.ImageDataset;

/** The loop's roll-back, cancel and checkpoint timing, driven over a scripted engine without any TensorFlow. */
class TrainingLoopTest {
    @TempDir
    Path tmp;

    /**
     * An engine whose one "weight" counts the steps it took and sums the learning rates it was given; it reports a
     * NaN loss the first time each step in {@code nanOnce} runs, and every time from {@code nanFrom} on.
     */
    static final class ScriptedEngine implements TrainingEngine {
        final Set<Long> nanOnce = new HashSet<>();
        long nanFrom = Long.MAX_VALUE;
        final List<Long> checkpointedAt = new ArrayList<>();
        final List<Double> learningRates = new ArrayList<>();
        final List<Integer> batchSizes = new ArrayList<>();
        /** A scripted CPU clock: each step takes {@code cpuNanosPerStep} of it. */
        final AtomicLong cpuNanos = new AtomicLong();

        long cpuNanosPerStep;
        float steps;
        float lrSum;
        Long seed;

        @Override
        public void initialize(long s) {
            seed = s;
        }

        @Override
        public Map<LossTerm, Double> step(StepInputs in) {
            learningRates.add(in.learningRate());
            batchSizes.add(in.count());
            cpuNanos.addAndGet(cpuNanosPerStep);
            boolean nan = nanOnce.remove(in.step()) || in.step() >= nanFrom;
            // A diverged step leaves garbage behind; the loop must restore the checkpoint, not keep it.
            steps = nan ? Float.NaN : steps + 1;
            lrSum += (float) in.learningRate();
            Map<LossTerm, Double> losses = new LinkedHashMap<>();
            losses.put(LossTerm.D, nan ? Double.NaN : 1.0 / in.step());
            losses.put(LossTerm.GE, 2.0);
            return losses;
        }

        @Override
        public Map<String, float[]> state() {
            checkpointedAt.add((long) steps);
            return Map.of("steps", new float[] {steps}, "lrSum", new float[] {lrSum});
        }

        @Override
        public void restore(Map<String, float[]> state) {
            steps = state.get("steps")[0];
            lrSum = state.get("lrSum")[0];
        }

        @Override
        public float[] sample(float[] codes, int count) {
            return new float[count * 16 * 16 * 3];
        }
    }

    /** Records what the loop reports. */
    static final class Recorder implements TrainingListener {
        final List<Long> progress = new ArrayList<>();
        final List<TrainingProgress> reports = new ArrayList<>();
        final List<Long> samples = new ArrayList<>();
        final List<String> messages = new ArrayList<>();
        /** What {@link #awaitTurn} does; nothing unless a test sets it. */
        Runnable turn = () -> {};

        @Override
        public void awaitTurn() {
            turn.run();
        }

        @Override
        public void onProgress(TrainingProgress p) {
            progress.add(p.step());
            reports.add(p);
        }

        @Override
        public void onSamples(long step, BufferedImage grid) {
            samples.add(step);
        }

        @Override
        public void onMessage(String message) {
            messages.add(message);
        }
    }

    private static TrainingConfig config(long steps, int checkpointEvery, int sampleEvery) {
        return TrainingConfig.defaults("synthetic", 16, List.of("Smiling"), steps).toBuilder()
                .freeDims(2)
                .batchSize(3)
                .learningRate(0.01)
                .seed(5)
                .baseChannels(4)
                .maxChannels(16)
                .hiddenUnits(16)
                .checkpointEvery(checkpointEvery)
                .sampleEvery(sampleEvery)
                .emaDecay(0.99)
                .modelName("fake")
                .build();
    }

    private TrainingResult run(
            TrainingConfig c,
            ScriptedEngine engine,
            Recorder rec,
            BooleanSupplier cancelled,
            AtomicReference<Checkpoint> exported,
            Checkpoint start)
            throws Exception {
        ImageDataset data = Datasets.open("synthetic", 16, 5);
        int[] columns = {data.attributes().indexOf("Smiling")};
        return new TrainingLoop(
                        c,
                        data,
                        columns,
                        engine,
                        new CheckpointStore(tmp.resolve("checkpoints")),
                        tmp,
                        rec,
                        cancelled,
                        exported::set,
                        engine.cpuNanos::get)
                .execute(start);
    }

    @Test
    void checkpointsAtTheStartEveryNStepsAndAtTheEndAndSamplesOnSchedule() throws Exception {
        ScriptedEngine engine = new ScriptedEngine();
        Recorder rec = new Recorder();
        AtomicReference<Checkpoint> exported = new AtomicReference<>();
        TrainingResult result = run(config(7, 3, 2), engine, rec, () -> false, exported, null);
        assertTrue(result.completed());
        assertEquals(7, result.step());
        assertEquals(5L, engine.seed, "initialised with the config's seed");
        assertEquals(List.of(0L, 3L, 6L, 7L), engine.checkpointedAt);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), rec.progress);
        assertEquals(List.of(2L, 4L, 6L, 7L), rec.samples);
        assertTrue(Files.exists(tmp.resolve("samples/step-0000006.png")));
        assertEquals(7, exported.get().step());
        assertArrayEquals(new float[] {7}, exported.get().values().get("steps"));
        assertEquals(List.of(3, 3, 3, 3, 3, 3, 3), engine.batchSizes);
    }

    @Test
    void aNonFiniteLossRollsBackToTheLastCheckpointAndHalvesTheLearningRate() throws Exception {
        ScriptedEngine engine = new ScriptedEngine();
        engine.nanOnce.add(5L);
        Recorder rec = new Recorder();
        AtomicReference<Checkpoint> exported = new AtomicReference<>();
        TrainingResult result = run(config(6, 3, 100), engine, rec, () -> false, exported, null);
        assertTrue(result.completed());
        assertTrue(
                rec.messages.stream()
                        .anyMatch(m -> m.contains("rolled back to step 3") && m.contains("learning rate to 0.005")),
                rec.messages.toString());
        // Steps 4 and 5 are taken again after the roll-back, at half the rate.
        assertEquals(List.of(1L, 2L, 3L, 4L, 4L, 5L, 6L), rec.progress);
        assertEquals(List.of(0.01, 0.01, 0.01, 0.01, 0.01, 0.005, 0.005, 0.005), engine.learningRates);
        Checkpoint last = exported.get();
        assertArrayEquals(new float[] {6}, last.values().get("steps"), "the NaN step's state was thrown away");
        assertEquals(3 * 0.01f + 3 * 0.005f, last.values().get("lrSum")[0], 1e-6);
        assertEquals(0.005, last.scalars().get("learningRate"), 0.0, "the lowered rate is checkpointed for --resume");
    }

    @Test
    void persistentNonFiniteLossesStopAfterThreeRollBacksAndExportNothing() throws Exception {
        ScriptedEngine engine = new ScriptedEngine();
        engine.nanFrom = 2;
        AtomicReference<Checkpoint> exported = new AtomicReference<>();
        TrainingException e = assertThrows(
                TrainingException.class,
                () -> run(config(6, 3, 100), engine, new Recorder(), () -> false, exported, null));
        assertTrue(
                e.getMessage().contains("Training diverged") && e.getMessage().contains("--lr"), e.getMessage());
        assertNull(exported.get());
        assertEquals(
                2 * (TrainingLoop.MAX_ROLLBACKS + 1),
                engine.learningRates.size(),
                "steps 1 and 2, taken four times from the checkpoint at step 0");
        assertEquals(0.01 / 8, engine.learningRates.get(engine.learningRates.size() - 1), 1e-12);
    }

    @Test
    void cancelStopsBeforeTheNextStepCheckpointsAndExports() throws Exception {
        ScriptedEngine engine = new ScriptedEngine();
        Recorder rec = new Recorder();
        AtomicReference<Checkpoint> exported = new AtomicReference<>();
        TrainingResult result = run(config(50, 10, 100), engine, rec, () -> rec.progress.size() >= 2, exported, null);
        assertFalse(result.completed());
        assertEquals(2, result.step());
        assertEquals(List.of(0L, 2L), engine.checkpointedAt);
        assertEquals(
                2,
                new CheckpointStore(tmp.resolve("checkpoints"))
                        .latest()
                        .orElseThrow()
                        .step());
        assertEquals(2, exported.get().step());
        assertTrue(rec.messages.get(0).startsWith("Cancelled at step 2"), rec.messages.toString());
    }

    @Test
    void theListenerIsAskedForItsTurnBeforeEveryStep() throws Exception {
        ScriptedEngine engine = new ScriptedEngine();
        Recorder rec = new Recorder();
        List<Integer> stepsTakenAtEachTurn = new ArrayList<>();
        rec.turn = () -> stepsTakenAtEachTurn.add(engine.learningRates.size());
        run(config(4, 10, 100), engine, rec, () -> false, new AtomicReference<>(), null);
        assertEquals(List.of(0, 1, 2, 3), stepsTakenAtEachTurn);
    }

    @Test
    void aTurnThatBlocksHoldsTheNextStepBackUntilReleased() throws Exception {
        ScriptedEngine engine = new ScriptedEngine();
        Recorder rec = new Recorder();
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        rec.turn = () -> {
            if (rec.progress.size() == 2) {
                waiting.countDown();
                awaitQuietly(release);
            }
        };
        AtomicReference<TrainingResult> result = new AtomicReference<>();
        Thread trainer = new Thread(() -> {
            try {
                result.set(run(config(5, 10, 100), engine, rec, () -> false, new AtomicReference<>(), null));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        trainer.start();
        assertTrue(waiting.await(30, TimeUnit.SECONDS), "the loop asked for its third turn");
        assertEquals(2, engine.learningRates.size(), "no step is taken while the turn is withheld");
        assertTrue(trainer.isAlive());
        release.countDown();
        trainer.join(30_000);
        assertTrue(result.get().completed());
        assertEquals(5, result.get().step());
    }

    @Test
    void aCancelWhileWaitingForATurnStopsBeforeAnotherStep() throws Exception {
        ScriptedEngine engine = new ScriptedEngine();
        Recorder rec = new Recorder();
        AtomicBoolean cancel = new AtomicBoolean();
        // The user cancels while the loop waits for its turn (here: at the third one).
        rec.turn = () -> cancel.set(cancel.get() || rec.progress.size() == 2);
        AtomicReference<Checkpoint> exported = new AtomicReference<>();
        TrainingResult result = run(config(50, 10, 100), engine, rec, cancel::get, exported, null);
        assertFalse(result.completed());
        assertEquals(2, result.step());
        assertEquals(2, engine.learningRates.size());
        assertEquals(2, exported.get().step());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aResumedRunRestoresTheCheckpointAndItsLearningRate() throws Exception {
        ScriptedEngine engine = new ScriptedEngine();
        Checkpoint start = new Checkpoint(
                4, Map.of("learningRate", 0.0025), Map.of("steps", new float[] {4}, "lrSum", new float[] {0}));
        Recorder rec = new Recorder();
        AtomicReference<Checkpoint> exported = new AtomicReference<>();
        run(config(6, 10, 100), engine, rec, () -> false, exported, start);
        assertNull(engine.seed, "a resumed run is not re-initialised");
        assertEquals(List.of(5L, 6L), rec.progress);
        assertEquals(List.of(0.0025, 0.0025), engine.learningRates);
        assertArrayEquals(new float[] {6}, exported.get().values().get("steps"));
    }

    @Test
    void aSpentCpuBudgetEndsTheRunAsFinishedWithACheckpointSamplesAndExport() throws Exception {
        ScriptedEngine engine = new ScriptedEngine();
        engine.cpuNanosPerStep = 1_600_000_000L;
        Recorder rec = new Recorder();
        AtomicReference<Checkpoint> exported = new AtomicReference<>();
        // 0.1 min = 6 s of CPU: 1.6 s per step leaves 4.8 s after three steps and 6.4 s after four.
        TrainingConfig c = config(50, 10, 100).withTricks(TrainingTricks.NONE.withCpuMinutes(0.1));
        TrainingResult result = run(c, engine, rec, () -> false, exported, null);
        assertTrue(result.completed(), "a budget is a planned end, not a cancel");
        assertEquals(4, result.step());
        assertEquals(List.of(0L, 4L), engine.checkpointedAt);
        assertEquals(List.of(4L), rec.samples, "a last grid at the step it stopped");
        assertEquals(4, exported.get().step());
        assertEquals(6.4, exported.get().scalars().get(CpuBudget.CHECKPOINT_KEY), 1e-9, "carried for --resume");
        assertEquals(1.6, exported.get().scalars().get(TrainingLoop.CPU_SECONDS_PER_STEP), 1e-9);
        assertEquals(
                Set.of(TrainingLoop.SECONDS_PER_STEP, TrainingLoop.CPU_SECONDS_PER_STEP),
                TrainingLoop.pace(exported.get()).keySet());
        assertEquals("1.600", TrainingLoop.pace(exported.get()).get(TrainingLoop.CPU_SECONDS_PER_STEP));
        TrainingProgress second = rec.reports.get(1);
        assertEquals(3.2, second.cpuSeconds(), 1e-9, "each report says how much of the budget is spent");
        assertEquals(6, second.cpuLimitSeconds(), 1e-9);
        assertEquals(3.2 / 6, second.fractionDone(), 1e-9, "further through the budget than through 50 steps");
        assertTrue(
                rec.messages.stream().anyMatch(m -> m.startsWith("CPU budget of 0.1 min reached at step 4")),
                rec.messages.toString());
        String last = rec.messages.get(rec.messages.size() - 1);
        assertTrue(last.matches("steps 4, cpu 6\\.4 s, wall \\d+\\.\\d s"), last);
    }

    @Test
    void aResumedRunCountsTheCpuTimeOfEarlierSessions() throws Exception {
        ScriptedEngine engine = new ScriptedEngine();
        engine.cpuNanosPerStep = 1_600_000_000L;
        Checkpoint start = new Checkpoint(
                4,
                Map.of("learningRate", 0.01, CpuBudget.CHECKPOINT_KEY, 4.0, TrainingLoop.CPU_SECONDS_PER_STEP, 1.0),
                Map.of("steps", new float[] {4}, "lrSum", new float[] {0}));
        Recorder rec = new Recorder();
        AtomicReference<Checkpoint> exported = new AtomicReference<>();
        TrainingConfig c = config(50, 10, 100).withTricks(TrainingTricks.NONE.withCpuMinutes(0.1));
        TrainingResult result = run(c, engine, rec, () -> false, exported, start);
        // 4 s before the resume: 5.6 s after one more step, 7.2 s after two.
        assertEquals(6, result.step());
        assertEquals(7.2, exported.get().scalars().get(CpuBudget.CHECKPOINT_KEY), 1e-9);
        assertEquals(1.6, exported.get().scalars().get(TrainingLoop.CPU_SECONDS_PER_STEP), 1e-9, "this session's pace");
    }

    @Test
    void withoutABudgetTheRunGoesToItsStepTargetAndStillReportsItsCpuTime() throws Exception {
        ScriptedEngine engine = new ScriptedEngine();
        engine.cpuNanosPerStep = 1_000_000_000L;
        Recorder rec = new Recorder();
        AtomicReference<Checkpoint> exported = new AtomicReference<>();
        TrainingResult result = run(config(5, 10, 100), engine, rec, () -> false, exported, null);
        assertEquals(5, result.step());
        assertEquals(5.0, exported.get().scalars().get(CpuBudget.CHECKPOINT_KEY), 1e-9);
        assertTrue(
                rec.messages.get(rec.messages.size() - 1).startsWith("steps 5, cpu 5.0 s, wall "),
                rec.messages.toString());
    }

    @Test
    void aWarmStartedRunRampsItsLearningRateAndKeepsItsAverageFromTheFirstStep() throws Exception {
        ScriptedEngine engine = new ScriptedEngine();
        List<Double> decays = new ArrayList<>();
        TrainingEngine watching = new ForwardingTrainingEngine(engine) {
            @Override
            public Map<LossTerm, Double> step(StepInputs in) {
                decays.add(in.emaDecay());
                return super.step(in);
            }
        };
        int ramp = TrainingLoop.WARM_START_RAMP_STEPS;
        TrainingConfig warm = config(ramp + 2, 1000, 1000).withTricks(TrainingTricks.NONE.withWarmStart("models/x"));
        ImageDataset data = Datasets.open("synthetic", 16, 5);
        new TrainingLoop(
                        warm,
                        data,
                        new int[] {data.attributes().indexOf("Smiling")},
                        watching,
                        new CheckpointStore(tmp.resolve("checkpoints")),
                        tmp,
                        new Recorder(),
                        () -> false,
                        c -> {},
                        engine.cpuNanos::get)
                .execute(null);
        assertEquals(0.01 / ramp, engine.learningRates.get(0), 1e-12, "the first step takes 1/ramp of the rate");
        assertEquals(0.01 * 100 / ramp, engine.learningRates.get(99), 1e-12, "half-way up the ramp");
        assertEquals(0.01, engine.learningRates.get(ramp - 1), 1e-12, "the full rate at the ramp's end");
        assertEquals(0.01, engine.learningRates.get(ramp + 1), 1e-12);
        assertEquals(0.99, decays.get(0), 1e-12, "the trained average is not washed out by early steps");

        ScriptedEngine cold = new ScriptedEngine();
        run(config(2, 1000, 1000), cold, new Recorder(), () -> false, new AtomicReference<>(), null);
        assertEquals(List.of(0.01, 0.01), cold.learningRates, "a run from random weights takes the full rate at once");
    }
}
