package org.latentlens.core.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.latentlens.core.data.Batch;
import org.latentlens.core.data.BatchStream;
import org.latentlens.core.data.ImageDataset;
import org.latentlens.core.model.ImageSpec;

/**
 * One training run's loop over a {@link TrainingEngine}: feeding batches and latent samples, reporting progress
 * and ETA, sampling grids, checkpointing, rolling back after non-finite losses (halving the learning rate),
 * stopping when cancelled, and the final export. Knows nothing of the engine's networks or tensors.
 */
public final class TrainingLoop {
  /** Roll-backs allowed before a run is declared diverged. */
  static final int MAX_ROLLBACKS = 3;
  private static final String LEARNING_RATE = "learningRate";
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
  private long step;
  private double learningRate;
  private Checkpoint lastGood;

  /**
   * A loop for {@code config} on {@code dataset} (the training split).
   *
   * @param columns the dataset's label column of each of the config's attributes
   * @param runDir the run folder (sample grids go into its {@code samples/})
   * @param cancelled polled before every step
   * @param export writes the bundle from the last good checkpoint when the loop ends
   */
  public TrainingLoop(TrainingConfig config, ImageDataset dataset, int[] columns, TrainingEngine engine,
      CheckpointStore store, Path runDir, TrainingListener listener, BooleanSupplier cancelled, BundleExport export) {
    this.config = config;
    this.dataset = dataset;
    this.engine = engine;
    this.store = store;
    this.runDir = runDir;
    this.listener = listener;
    this.cancelled = cancelled;
    this.export = export;
    this.inputs = new StepInputFactory(config, columns);
    this.grids = new SampleGrids(config, runDir);
  }

  /** Runs from {@code start} (a checkpoint to resume, or null for a fresh start) to the step target or a cancel. */
  public TrainingResult execute(Checkpoint start) throws IOException, TrainingException {
    if (start != null) {
      engine.restore(start.values());
      step = start.step();
      learningRate = start.scalars().getOrDefault(LEARNING_RATE, config.learningRate());
      lastGood = start;
    } else {
      engine.initialize(config.seed());
      learningRate = config.learningRate();
      checkpoint();
    }
    Random latentRandom = new Random(config.seed() * 7919 + step);
    boolean wasCancelled = false;
    try (BatchStream stream = BatchStream.shuffled(dataset, ImageSpec.rgbSquare(config.imageSize()),
        config.batchSize(), config.seed() + step, Runtime.getRuntime().availableProcessors())) {
      int rollbacks = 0;
      int emptyBatches = 0;
      while (step < config.steps()) {
        if (cancelled.getAsBoolean()) {
          wasCancelled = true;
          listener.onMessage("Cancelled at step " + step + "; saving a checkpoint so the run can resume.");
          break;
        }
        Batch batch = stream.next();
        if (batch.count() == 0) {
          if (++emptyBatches >= MAX_EMPTY_BATCHES) {
            throw new TrainingException("No image of " + config.dataset() + " could be read (" + stream.skipped()
                + " skipped; first problem: " + stream.firstProblem() + "). Check the folder.");
          }
          continue;
        }
        emptyBatches = 0;
        long t0 = System.nanoTime();
        Map<LossTerm, Double> losses = engine.step(inputs.create(batch, step + 1, learningRate, latentRandom));
        if (!allFinite(losses)) {
          if (++rollbacks > MAX_ROLLBACKS) {
            throw diverged();
          }
          rollBack(losses);
          continue;
        }
        step++;
        meter.add(batch.count(), System.nanoTime() - t0);
        listener.onProgress(new TrainingProgress(step, config.steps(), losses, meter.imagesPerSecond(),
            meter.eta(config.steps() - step, config.batchSize())));
        if (step % config.sampleEvery() == 0 || step == config.steps()) {
          listener.onSamples(step, grids.write(engine, step));
        }
        if (step % config.checkpointEvery() == 0) {
          checkpoint();
        }
      }
      if (stream.skipped() > 0) {
        listener.onMessage(stream.skipped() + " unreadable images were skipped (e.g. " + stream.firstProblem() + ")");
      }
    }
    checkpoint();
    export.write(lastGood);
    listener.onMessage("Exported the model at step " + lastGood.step() + " to " + runDir);
    return new TrainingResult(!wasCancelled, step, runDir);
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
    Checkpoint c = new Checkpoint(step, scalars, engine.state());
    if (!c.allFinite()) {
      throw new IOException("refusing to checkpoint non-finite weights at step " + step);
    }
    store.save(c);
    lastGood = c;
  }

  private static boolean allFinite(Map<LossTerm, Double> losses) {
    return losses.values().stream().allMatch(Double::isFinite);
  }
}
