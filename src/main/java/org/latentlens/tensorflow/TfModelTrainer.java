package org.latentlens.tensorflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.latentlens.core.data.DatasetException;
import org.latentlens.core.data.Datasets;
import org.latentlens.core.data.ImageDataset;
import org.latentlens.core.data.Splits;
import org.latentlens.core.io.SafeFiles;
import org.latentlens.core.model.DimensionKind;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentDimension;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.TrainingRecord;
import org.latentlens.core.train.Checkpoint;
import org.latentlens.core.train.CheckpointStore;
import org.latentlens.core.train.ModelTrainer;
import org.latentlens.core.train.RunSettings;
import org.latentlens.core.train.TrainingConfig;
import org.latentlens.core.train.RunFolderException;
import org.latentlens.core.train.RunFolderException.Problem;
import org.latentlens.core.train.TrainingException;
import org.latentlens.core.train.TrainingListener;
import org.latentlens.core.train.TrainingResult;
import org.latentlens.tensorflow.graph.GanArchitecture;
import org.latentlens.tensorflow.graph.TrainingGraph;

/** Trains with the TensorFlow Java graph API: the one {@link ModelTrainer}. */
public final class TfModelTrainer implements ModelTrainer {
  /** Semantic slider half-range written into trained manifests. */
  public static final float SEMANTIC_RANGE = 1.5f;
  /** Free slider half-range written into trained manifests. */
  public static final float FREE_RANGE = 3f;

  private final FaultInjection faults;

  /** A trainer. */
  public TfModelTrainer() {
    this(FaultInjection.NONE);
  }

  /** A trainer with injected faults, so tests can prove recovery paths on real training. */
  TfModelTrainer(FaultInjection faults) {
    this.faults = faults;
  }

  /** Faults for tests: which steps get NaN inputs. */
  interface FaultInjection {
    FaultInjection NONE = step -> false;

    /** Whether step {@code step} (1-based) is fed NaN pixels. */
    boolean corruptImages(long step);
  }

  @Override
  public TrainingResult train(TrainingConfig requested, Path runDir, boolean resume, TrainingListener listener,
      BooleanSupplier cancelled) throws TrainingException {
    TensorFlowRuntime.ensureStarted();
    CheckpointStore store = new CheckpointStore(runDir.resolve("checkpoints"));
    TrainingConfig config;
    Checkpoint start;
    try {
      if (resume) {
        if (!Files.exists(runDir.resolve(RunSettings.FILE_NAME))) {
          throw new RunFolderException(Problem.NOTHING_TO_RESUME, runDir,
              runDir + " holds no training run to resume. Start a new run without --resume.");
        }
        config = RunSettings.read(runDir).withSteps(requested.steps());
        // The recipe stays the run's; a new CPU budget or thread count extends or retunes it, as --steps does.
        config = config.withTricks(config.tricks().withLimitsFrom(requested.tricks()));
        start = store.latest().orElseThrow(() -> new RunFolderException(Problem.NOTHING_TO_RESUME, runDir,
            runDir + " has no readable checkpoint to resume from. Start a new run without --resume."));
        listener.onMessage("Resuming at step " + start.step() + " of " + config.steps());
      } else {
        if (!store.list().isEmpty()) {
          throw new RunFolderException(Problem.HOLDS_A_RUN, runDir, runDir
              + " already holds a training run (steps " + store.steps()
              + "). Use --resume to continue it, or choose another --out folder.");
        }
        config = requested;
        RunSettings.write(config, runDir);
        start = null;
      }
      cleanStale(runDir, store);
    } catch (IOException e) {
      throw new TrainingException("Cannot use the run folder " + runDir + ": " + e.getMessage(), e);
    }
    ImageDataset dataset = openDataset(config);
    int[] columns = attributeColumns(config, dataset);
    GanArchitecture arch = architecture(config);
    try (TrainingGraph graph = new TrainingGraph(arch, config)) {
      return new TrainingRun(config, arch, Splits.training(dataset), columns, graph, store, runDir, listener,
          cancelled, faults).execute(start);
    } catch (IOException e) {
      throw new TrainingException("Training stopped: " + e.getMessage(), e);
    }
  }

  @Override
  public long export(Path runDir) throws TrainingException {
    TensorFlowRuntime.ensureStarted();
    try {
      TrainingConfig config = RunSettings.read(runDir);
      CheckpointStore store = new CheckpointStore(runDir.resolve("checkpoints"));
      cleanStale(runDir, store);
      Checkpoint c = store.latest().orElseThrow(
          () -> new TrainingException(runDir + " has no readable checkpoint to export."));
      BundleWriter.write(architecture(config), TrainingGraph.exportWeights(c.values()),
          manifest(config, openDataset(config).description(), c.step()), runDir);
      return c.step();
    } catch (IOException e) {
      throw new TrainingException("Cannot export " + runDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Removes what a killed run left in its folder (a half-written checkpoint, sample grid or settings file), so a
   * resumed run or an export starts clean; the bundle's own temporaries go when it is exported.
   */
  private static void cleanStale(Path runDir, CheckpointStore store) throws IOException {
    store.cleanStale();
    SafeFiles.cleanStale(runDir);
    SafeFiles.cleanStale(runDir.resolve(TrainingRun.SAMPLES_DIR));
  }

  /** The network sizes a config asks for. */
  public static GanArchitecture architecture(TrainingConfig c) {
    return new GanArchitecture(c.imageSize(), 3, c.attributes().size(), c.freeDims(), c.attributes().size(),
        c.baseChannels(), c.maxChannels(), c.hiddenUnits(), c.tricks().minibatchStd());
  }

  /** The manifest of a model trained with {@code c} for {@code steps} steps. */
  public static ModelManifest manifest(TrainingConfig c, String datasetDescription, long steps) {
    return new ModelManifest(ModelManifest.CURRENT_FORMAT_VERSION, c.modelName(),
        "Trained by Latent Lens on " + datasetDescription + " at " + c.imageSize() + "x" + c.imageSize() + ".",
        ImageSpec.rgbSquare(c.imageSize()), layout(c),
        c.attributes(), List.of(), new TrainingRecord(datasetDescription, steps, Instant.now().toString(),
            c.hyperParameters()), Map.of());
  }

  /**
   * The latent layout of a trained model. Semantic sliders start at -1, "attribute absent", a value the
   * trainer samples around (0 lies between the two modes and is never trained on); free ones at 0.
   */
  static LatentLayout layout(TrainingConfig c) {
    List<LatentDimension> dims = new ArrayList<>();
    for (String a : c.attributes()) {
      // A categorical factor starts at its first value (one present, the rest absent): a valid category.
      boolean firstOfFactor = c.categoricals().stream().anyMatch(f -> f.values().get(0).equals(a));
      dims.add(new LatentDimension(a, DimensionKind.SEMANTIC, -SEMANTIC_RANGE, SEMANTIC_RANGE, firstOfFactor ? 1f : -1f));
    }
    for (int i = 0; i < c.freeDims(); i++) {
      dims.add(LatentDimension.free("free_" + i, FREE_RANGE));
    }
    return new LatentLayout(dims, c.categoricals());
  }

  private static ImageDataset openDataset(TrainingConfig config) throws TrainingException {
    try {
      ImageDataset d = Datasets.open(config.dataset(), config.imageSize(), config.seed());
      if (d.size() == 0) {
        throw new TrainingException("The dataset " + config.dataset() + " has no usable images. Problems: "
            + String.join("; ", d.problems()));
      }
      return d;
    } catch (DatasetException e) {
      throw new TrainingException(e.getMessage(), e);
    }
  }

  /** Column of each requested attribute in the dataset's labels. */
  private static int[] attributeColumns(TrainingConfig config, ImageDataset dataset) throws TrainingException {
    int[] cols = new int[config.attributes().size()];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = dataset.attributes().indexOf(config.attributes().get(i));
      if (cols[i] < 0) {
        throw new TrainingException("The dataset has no attribute '" + config.attributes().get(i) + "'. "
            + (dataset.attributes().isEmpty() ? "It is unlabelled (" + config.dataset() + "), so it can train only"
                + " free dimensions: leave the attributes empty (no --attributes on the command line). For named"
                + " sliders, train on labelled data (celeba:PATH with a list_attr.txt)."
                : "It has: " + String.join(", ", dataset.attributes()) + "."));
      }
    }
    return cols;
  }
}
