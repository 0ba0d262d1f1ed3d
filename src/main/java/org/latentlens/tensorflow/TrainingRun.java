package org.latentlens.tensorflow;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.latentlens.core.data.Batch;
import org.latentlens.core.data.BatchStream;
import org.latentlens.core.data.ImageDataset;
import org.latentlens.core.image.ContactSheet;
import org.latentlens.core.image.ImageConversion;
import org.latentlens.core.io.SafeFiles;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.LatentSampler;
import org.latentlens.core.train.Checkpoint;
import org.latentlens.core.train.CheckpointStore;
import org.latentlens.core.train.CpuBudget;
import org.latentlens.core.train.TrainingConfig;
import org.latentlens.core.train.TrainingException;
import org.latentlens.core.train.TrainingListener;
import org.latentlens.core.train.TrainingProgress;
import org.latentlens.core.train.TrainingResult;
import org.latentlens.tensorflow.TfModelTrainer.FaultInjection;
import org.latentlens.tensorflow.graph.GanArchitecture;
import org.latentlens.tensorflow.graph.TrainingGraph;

/**
 * One training run's loop: feeding batches and latent samples, reporting progress, sampling grids,
 * checkpointing, rolling back after non-finite losses, and the final export.
 */
final class TrainingRun {
  private static final int MAX_ROLLBACKS = 3;
  private static final int SAMPLE_CODES = 32;
  /** Where sample grids go, inside the run folder. */
  static final String SAMPLES_DIR = "samples";

  private final TrainingConfig config;
  private final GanArchitecture arch;
  private final ImageDataset dataset;
  private final int[] columns;
  private final TrainingGraph graph;
  private final CheckpointStore store;
  private final Path runDir;
  private final TrainingListener listener;
  private final BooleanSupplier cancelled;
  private final FaultInjection faults;
  private final ArrayDeque<long[]> recent = new ArrayDeque<>();
  private final float[] sampleCodes;
  /** The semantic part of the layout, for drawing the prior's semantic values (null without attributes). */
  private final LatentLayout semanticLayout;
  private long step;
  private double learningRate;
  private Checkpoint lastGood;
  /** CPU time used, carried across resumes in the checkpoints; null before the loop starts. */
  private CpuBudget cpu;

  TrainingRun(TrainingConfig config, GanArchitecture arch, ImageDataset dataset, int[] columns, TrainingGraph graph,
      CheckpointStore store, Path runDir, TrainingListener listener, BooleanSupplier cancelled,
      FaultInjection faults) {
    this.faults = faults;
    this.config = config;
    this.arch = arch;
    this.dataset = dataset;
    this.columns = columns;
    this.graph = graph;
    this.store = store;
    this.runDir = runDir;
    this.listener = listener;
    this.cancelled = cancelled;
    LatentLayout layout = TfModelTrainer.layout(config);
    // Semantic dimensions come first in the layout; without attributes there are none to draw.
    int semanticCount = config.attributes().size();
    this.semanticLayout = semanticCount == 0 ? null
        : new LatentLayout(layout.dimensions().subList(0, semanticCount), config.categoricals());
    Random r = new Random(config.seed() + 99);
    sampleCodes = new float[SAMPLE_CODES * arch.latentDims()];
    for (int i = 0; i < SAMPLE_CODES; i++) {
      System.arraycopy(LatentSampler.sample(layout, r), 0, sampleCodes, i * arch.latentDims(), arch.latentDims());
    }
  }

  TrainingResult execute(Checkpoint start) throws IOException, TrainingException {
    if (start != null) {
      graph.restore(start.values());
      step = start.step();
      learningRate = start.scalars().getOrDefault("learningRate", config.learningRate());
      lastGood = start;
    } else {
      graph.initialize(config.seed());
      learningRate = config.learningRate();
      checkpoint();
    }
    Random latentRandom = new Random(config.seed() * 7919 + step);
    cpu = new CpuBudget(config.tricks().cpuMinutes(),
        start == null ? 0 : start.scalars().getOrDefault(CpuBudget.CHECKPOINT_KEY, 0.0));
    int rollbacks = 0;
    int emptyBatches = 0;
    boolean wasCancelled = false;
    try (BatchStream stream = BatchStream.shuffled(dataset, ImageSpec.rgbSquare(config.imageSize()),
        config.batchSize(), config.seed() + step, Runtime.getRuntime().availableProcessors())) {
      while (step < config.steps()) {
        if (cancelled.getAsBoolean()) {
          wasCancelled = true;
          listener.onMessage("Cancelled at step " + step + "; saving a checkpoint so the run can resume.");
          break;
        }
        if (cpu.exhausted()) {
          listener.onMessage("CPU budget of " + config.tricks().cpuMinutes() + " min reached at step " + step
              + "; saving a checkpoint and exporting.");
          if (step % config.sampleEvery() != 0) {
            samples();
          }
          break;
        }
        Batch batch = stream.next();
        if (batch.count() == 0) {
          if (++emptyBatches >= 20) {
            throw new TrainingException("No image of " + config.dataset() + " could be read (" + stream.skipped()
                + " skipped; first problem: " + stream.firstProblem() + "). Check the folder.");
          }
          continue;
        }
        emptyBatches = 0;
        long t0 = System.nanoTime();
        Map<String, Double> losses = graph.step(input(batch, latentRandom));
        if (!allFinite(losses)) {
          if (++rollbacks > MAX_ROLLBACKS) {
            throw new TrainingException("Training diverged: a loss became NaN or infinite at step " + (step + 1)
                + " even after " + MAX_ROLLBACKS + " roll-backs with the learning rate lowered to "
                + learningRate + ". Nothing was exported from the diverged state; the last good checkpoint is step "
                + lastGood.step() + ". Try a lower --lr (say " + learningRate / 4 + ") and --resume.");
          }
          learningRate /= 2;
          graph.restore(lastGood.values());
          step = lastGood.step();
          listener.onMessage("Non-finite loss " + losses + "; rolled back to step " + step
              + " and lowered the learning rate to " + learningRate);
          continue;
        }
        step++;
        report(losses, batch.count(), System.nanoTime() - t0);
        if (step % config.sampleEvery() == 0 || step == config.steps()) {
          samples();
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
    Path bundle = export();
    listener.onMessage(cpu.summary(step));
    return new TrainingResult(!wasCancelled, step, bundle);
  }

  private TrainingGraph.StepInput input(Batch batch, Random r) {
    int n = batch.count();
    int a = columns.length;
    int f = arch.freeDims();
    float[] labels = new float[n * a];
    float[] mask = new float[n * a];
    for (int i = 0; i < n; i++) {
      boolean use = LabelMask.usesLabels(config.seed(), batch.indices()[i], config.labelFraction());
      for (int j = 0; j < a; j++) {
        float v = batch.labels()[i * batch.attributes() + columns[j]];
        labels[i * a + j] = v;
        mask[i * a + j] = use && v != 0 ? 1f : 0f;
      }
    }
    float[] semantic = new float[n * a];
    float[] target = new float[n * a];
    for (int row = 0; row < n && a > 0; row++) {
      // The prior's semantic part, with exactly one value present per categorical factor.
      System.arraycopy(LatentSampler.sample(semanticLayout, r), 0, semantic, row * a, a);
    }
    for (int i = 0; i < semantic.length; i++) {
      target[i] = semantic[i] > 0 ? 1f : 0f;
    }
    float[] free = new float[n * f];
    float[] noise = new float[n * f];
    for (int i = 0; i < free.length; i++) {
      free[i] = (float) r.nextGaussian();
      noise[i] = (float) r.nextGaussian();
    }
    long t = step + 1;
    // EMA warm-up: early on the average follows G closely instead of clinging to the random start.
    double decay = Math.min(config.emaDecay(), (1.0 + t) / (10.0 + t));
    float[] pixels = faults.corruptImages(step + 1) ? nanImages(batch) : batch.images().data();
    return new TrainingGraph.StepInput(n, pixels, labels, mask, semantic, target, free, noise,
        (float) learningRate, (float) Math.pow(TrainingGraph.BETA1, t), (float) Math.pow(TrainingGraph.BETA2, t),
        (float) decay, t);
  }

  private static float[] nanImages(Batch batch) {
    float[] out = batch.images().data().clone();
    java.util.Arrays.fill(out, Float.NaN);
    return out;
  }

  private void report(Map<String, Double> losses, int images, long nanos) {
    recent.addLast(new long[] {images, nanos});
    if (recent.size() > 20) {
      recent.removeFirst();
    }
    long imgs = 0;
    long time = 0;
    for (long[] e : recent) {
      imgs += e[0];
      time += e[1];
    }
    double ips = time > 0 ? imgs / (time / 1e9) : 0;
    double secondsLeft = ips > 0 ? (config.steps() - step) * (double) config.batchSize() / ips : 0;
    listener.onProgress(new TrainingProgress(step, config.steps(), losses, ips,
        Duration.ofMillis((long) (secondsLeft * 1000))));
  }

  private void samples() throws IOException {
    float[] pixels = graph.sample(sampleCodes, SAMPLE_CODES);
    ImageSpec spec = ImageSpec.rgbSquare(config.imageSize());
    List<BufferedImage> tiles = new ArrayList<>();
    for (int i = 0; i < SAMPLE_CODES; i++) {
      float[] one = new float[spec.pixelValues()];
      System.arraycopy(pixels, i * one.length, one, 0, one.length);
      tiles.add(ImageConversion.toImage(one, spec));
    }
    BufferedImage grid = ContactSheet.grid(tiles, 8, 2);
    Path dir = Files.createDirectories(runDir.resolve(SAMPLES_DIR));
    // Atomic, so a run killed while drawing a grid never leaves a truncated picture behind.
    SafeFiles.write(dir.resolve(String.format("step-%07d.png", step)), tmp -> ImageIO.write(grid, "png", tmp.toFile()));
    listener.onSamples(step, grid);
  }

  private void checkpoint() throws IOException {
    Map<String, Double> scalars = new LinkedHashMap<>();
    scalars.put("learningRate", learningRate);
    if (cpu != null) {
      scalars.put(CpuBudget.CHECKPOINT_KEY, cpu.usedSeconds());
    }
    Checkpoint c = new Checkpoint(step, scalars, graph.state());
    if (!c.allFinite()) {
      throw new IOException("refusing to checkpoint non-finite weights at step " + step);
    }
    store.save(c);
    lastGood = c;
  }

  private Path export() throws IOException {
    Map<String, float[]> weights = TrainingGraph.exportWeights(lastGood.values());
    BundleWriter.write(arch, weights, TfModelTrainer.manifest(config, dataset.description(), lastGood.step()), runDir);
    listener.onMessage("Exported the model at step " + lastGood.step() + " to " + runDir);
    return runDir;
  }

  private static boolean allFinite(Map<String, Double> losses) {
    return losses.values().stream().allMatch(Double::isFinite);
  }
}
