package org.latentlens.core.train;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.latentlens.core.data.Batch;
import org.latentlens.core.data.BatchStream;
import org.latentlens.core.data.ImageDataset;
import org.latentlens.core.model.ImageSpec;

/**
 * One training run's loop over a {@link TrainingEngine}: feeding batches and latent samples, reporting progress
 * and ETA, sampling grids, checkpointing, rolling back after non-finite losses (halving the learning rate),
 * stopping when cancelled or when the CPU budget ({@link TrainingTricks#cpuMinutes()}) is spent, and the final
 * export. Before every step the listener may hold it back ({@link TrainingListener#awaitTurn()}). Every run ends
 * with the line {@code steps N, cpu S s, wall W s}. Knows nothing of the engine's networks or tensors.
 */
public final class TrainingLoop {
    /** Roll-backs allowed before a run is declared diverged. */
    static final int MAX_ROLLBACKS = 3;
    /** The checkpoint scalar, and manifest hyper-parameter, of wall seconds per step (the latest session's pace). */
    public static final String SECONDS_PER_STEP = "secondsPerStep";
    /** The checkpoint scalar, and manifest hyper-parameter, of process CPU seconds per step (the same session). */
    public static final String CPU_SECONDS_PER_STEP = "cpuSecondsPerStep";

    private static final String LEARNING_RATE = "learningRate";
    /**
     * Steps over which a warm-started run's learning rate rises linearly from 0: its optimizers start with no
     * moment estimates, and at the full rate their first steps move every weight by about the learning rate,
     * which undid most of a trained model in 20 steps (judge-Fréchet 93 to 313, docs/training.md). 2/(1-β2)
     * steps with Adam's β2 = 0.99, the horizon over which its second-moment estimate becomes reliable.
     */
    static final int WARM_START_RAMP_STEPS = 200;

    private static final int MAX_EMPTY_BATCHES = 20;

    private final TrainingConfig config;
    private final ImageDataset dataset;
    private final TrainingEngine engine;
    private final CheckpointStore store;
    private final TrainingListener listener;
    private final BooleanSupplier cancelled;
    private final BundleExport export;
    private final StepInputFactory inputs;
    private final SampleGrids grids;
    private final Path runDir;
    private final ThroughputMeter meter = new ThroughputMeter();
    private final LongSupplier cpuClock;
    private long step;
    private double learningRate;
    private Checkpoint lastGood;
    /** CPU time used, carried across resumes in the checkpoints; null before the loop starts counting. */
    private CpuBudget cpu;
    /** The step this session started at, and the pace the checkpoint it resumed from recorded (or null). */
    private long sessionStart;

    private Checkpoint resumedFrom;

    /**
     * A loop for {@code config} on {@code dataset} (the training split).
     *
     * @param columns the dataset's label column of each of the config's attributes
     * @param runDir the run folder (sample grids go into its {@code samples/})
     * @param cancelled polled before every step
     * @param export writes the bundle from the last good checkpoint when the loop ends
     */
    public TrainingLoop(
            TrainingConfig config,
            ImageDataset dataset,
            int[] columns,
            TrainingEngine engine,
            CheckpointStore store,
            Path runDir,
            TrainingListener listener,
            BooleanSupplier cancelled,
            BundleExport export) {
        this(config, dataset, columns, engine, store, runDir, listener, cancelled, export, CpuBudget::processCpuNanos);
    }

    /** A loop whose CPU budget reads {@code cpuClock} (CPU nanoseconds) instead of this process's CPU time. */
    TrainingLoop(
            TrainingConfig config,
            ImageDataset dataset,
            int[] columns,
            TrainingEngine engine,
            CheckpointStore store,
            Path runDir,
            TrainingListener listener,
            BooleanSupplier cancelled,
            BundleExport export,
            LongSupplier cpuClock) {
        this.cpuClock = cpuClock;
        this.config = config;
        this.dataset = dataset;
        this.engine = engine;
        this.store = store;
        this.runDir = runDir;
        this.listener = listener;
        this.cancelled = cancelled;
        this.export = export;
        this.inputs = new StepInputFactory(
                config,
                columns,
                config.tricks().dataPrior()
                        ? TrainedLayout.presences(config, dataset)
                        : new float[config.attributes().size()]);
        this.grids = new SampleGrids(config, runDir);
    }

    /**
     * Runs from {@code start} (a checkpoint to resume, or null for a fresh start) to the step target, the CPU budget
     * or a cancel.
     */
    public TrainingResult execute(Checkpoint start) throws IOException, TrainingException {
        if (start != null) {
            engine.restore(start.values());
            step = start.step();
            learningRate = start.scalars().getOrDefault(LEARNING_RATE, config.learningRate());
            lastGood = start;
            resumedFrom = start;
            sessionStart = step;
        } else {
            engine.initialize(config.seed());
            learningRate = config.learningRate();
        }
        // Counted from here: initialising or restoring the weights is not training.
        cpu = new CpuBudget(
                config.tricks().cpuMinutes(),
                start == null ? 0 : start.scalars().getOrDefault(CpuBudget.CHECKPOINT_KEY, 0.0),
                cpuClock);
        if (start == null) {
            checkpoint();
        }
        Random latentRandom = new Random(config.seed() * 7919 + step);
        boolean wasCancelled = false;
        try (BatchStream stream = BatchStream.shuffled(
                dataset,
                ImageSpec.rgbSquare(config.imageSize()),
                config.batchSize(),
                config.seed() + step,
                Runtime.getRuntime().availableProcessors())) {
            int rollbacks = 0;
            int emptyBatches = 0;
            while (step < config.steps()) {
                // Interactive work goes first; a cancel asked for while waiting is honoured before the step.
                listener.awaitTurn();
                if (cancelled.getAsBoolean()) {
                    wasCancelled = true;
                    listener.onMessage("Cancelled at step " + step + "; saving a checkpoint so the run can resume.");
                    break;
                }
                if (cpu.exhausted()) {
                    // A planned end, like reaching --steps: the run counts as finished and gets a last sample grid.
                    listener.onMessage("CPU budget of " + config.tricks().cpuMinutes() + " min reached at step " + step
                            + "; saving a checkpoint and exporting.");
                    if (step % config.sampleEvery() != 0) {
                        listener.onSamples(step, grids.write(engine, step));
                    }
                    break;
                }
                Batch batch = stream.next();
                if (batch.count() == 0) {
                    if (++emptyBatches >= MAX_EMPTY_BATCHES) {
                        throw new TrainingException(
                                "No image of " + config.dataset() + " could be read (" + stream.skipped()
                                        + " skipped; first problem: " + stream.firstProblem() + "). Check the folder.");
                    }
                    continue;
                }
                emptyBatches = 0;
                long t0 = System.nanoTime();
                Map<LossTerm, Double> losses = engine.step(
                        inputs.create(batch, step + 1, learningRate * warmStartRamp(config, step), latentRandom));
                if (!allFinite(losses)) {
                    if (++rollbacks > MAX_ROLLBACKS) {
                        throw diverged();
                    }
                    rollBack(losses);
                    continue;
                }
                step++;
                meter.add(batch.count(), System.nanoTime() - t0);
                Duration toTarget = meter.eta(config.steps() - step, config.batchSize());
                Duration eta = cpu.wallTimeLeft()
                        .filter(toBudget -> toBudget.compareTo(toTarget) < 0)
                        .orElse(toTarget);
                listener.onProgress(new TrainingProgress(
                        step,
                        config.steps(),
                        losses,
                        meter.imagesPerSecond(),
                        eta,
                        cpu.usedSeconds(),
                        cpu.limitSeconds()));
                if (step % config.sampleEvery() == 0 || step == config.steps()) {
                    listener.onSamples(step, grids.write(engine, step));
                }
                if (step % config.checkpointEvery() == 0) {
                    checkpoint();
                }
            }
            if (stream.skipped() > 0) {
                listener.onMessage(
                        stream.skipped() + " unreadable images were skipped (e.g. " + stream.firstProblem() + ")");
            }
        }
        checkpoint();
        export.write(lastGood);
        listener.onMessage("Exported the model at step " + lastGood.step() + " to " + runDir);
        listener.onMessage(cpu.summary(step));
        return new TrainingResult(!wasCancelled, step, runDir);
    }

    /** The share of the learning rate a step uses: below 1 only early in a warm-started run. */
    static double warmStartRamp(TrainingConfig config, long step) {
        return config.tricks().warmStart().isEmpty() ? 1 : Math.min(1, (step + 1) / (double) WARM_START_RAMP_STEPS);
    }

    private void rollBack(Map<LossTerm, Double> losses) {
        learningRate /= 2;
        engine.restore(lastGood.values());
        step = lastGood.step();
        listener.onMessage("Non-finite loss " + losses + "; rolled back to step " + step
                + " and lowered the learning rate to " + learningRate);
    }

    private TrainingException diverged() {
        return new TrainingException("Training diverged: a loss became NaN or infinite at step " + (step + 1)
                + " even after " + MAX_ROLLBACKS + " roll-backs with the learning rate lowered to " + learningRate
                + ". Nothing was exported from the diverged state; the last good checkpoint is step " + lastGood.step()
                + ". Try a lower --lr (say " + learningRate / 4 + ") and --resume.");
    }

    private void checkpoint() throws IOException {
        Map<String, Double> scalars = new LinkedHashMap<>();
        scalars.put(LEARNING_RATE, learningRate);
        if (Double.isFinite(cpu.usedSeconds())) {
            scalars.put(CpuBudget.CHECKPOINT_KEY, cpu.usedSeconds());
        }
        pace(scalars);
        Checkpoint c = new Checkpoint(step, scalars, engine.state());
        if (!c.allFinite()) {
            throw new IOException("refusing to checkpoint non-finite weights at step " + step);
        }
        store.save(c);
        lastGood = c;
    }

    /**
     * Puts this session's wall and CPU seconds per step into {@code scalars}; before this session has taken a step,
     * the pace the resumed checkpoint recorded. Left out where unknown.
     */
    private void pace(Map<String, Double> scalars) {
        long steps = step - sessionStart;
        double wall = steps > 0 ? cpu.wallSeconds() / steps : earlier(SECONDS_PER_STEP);
        double cpuTime = steps > 0 ? cpu.sessionSeconds() / steps : earlier(CPU_SECONDS_PER_STEP);
        if (Double.isFinite(wall)) {
            scalars.put(SECONDS_PER_STEP, wall);
        }
        if (Double.isFinite(cpuTime)) {
            scalars.put(CPU_SECONDS_PER_STEP, cpuTime);
        }
    }

    private double earlier(String key) {
        return resumedFrom == null ? Double.NaN : resumedFrom.scalars().getOrDefault(key, Double.NaN);
    }

    /**
     * The pace a checkpoint records ({@link #SECONDS_PER_STEP}, {@link #CPU_SECONDS_PER_STEP}), as text for the
     * manifest's training record; empty for a checkpoint written before the loop measured it.
     */
    public static Map<String, String> pace(Checkpoint c) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : new String[] {SECONDS_PER_STEP, CPU_SECONDS_PER_STEP}) {
            Double v = c.scalars().get(key);
            if (v != null && Double.isFinite(v)) {
                out.put(key, String.format(Locale.ROOT, "%.4g", v));
            }
        }
        return out;
    }

    private static boolean allFinite(Map<LossTerm, Double> losses) {
        return losses.values().stream().allMatch(Double::isFinite);
    }
}
