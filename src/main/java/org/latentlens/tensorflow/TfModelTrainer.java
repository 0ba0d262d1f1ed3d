package org.latentlens.tensorflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.latentlens.core.data.DatasetException;
import org.latentlens.core.data.Datasets;
import org.latentlens.core.data.ImageDataset;
import org.latentlens.core.data.Splits;
import org.latentlens.core.io.SafeFiles;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.TrainingRecord;
import org.latentlens.core.train.BundleExport;
import org.latentlens.core.train.Checkpoint;
import org.latentlens.core.train.CheckpointStore;
import org.latentlens.core.train.ForwardingTrainingEngine;
import org.latentlens.core.train.LossTerm;
import org.latentlens.core.train.ModelTrainer;
import org.latentlens.core.train.RunFolderException;
import org.latentlens.core.train.RunFolderException.Problem;
import org.latentlens.core.train.RunSettings;
import org.latentlens.core.train.SampleGrids;
import org.latentlens.core.train.StepInputs;
import org.latentlens.core.train.TrainedLayout;
import org.latentlens.core.train.TrainingConfig;
import org.latentlens.core.train.TrainingEngine;
import org.latentlens.core.train.TrainingException;
import org.latentlens.core.train.TrainingListener;
import org.latentlens.core.train.TrainingLoop;
import org.latentlens.core.train.TrainingResult;
import org.latentlens.tensorflow.graph.GanArchitecture;
import org.latentlens.tensorflow.graph.TrainingGraph;

/** Trains with the TensorFlow Java graph API: the one {@link ModelTrainer}. */
public final class TfModelTrainer implements ModelTrainer {
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

    /** An engine whose chosen steps see NaN pixels, so tests prove the roll-back on real training. */
    private static final class FaultyEngine extends ForwardingTrainingEngine {
        private final FaultInjection faults;

        FaultyEngine(TrainingEngine engine, FaultInjection faults) {
            super(engine);
            this.faults = faults;
        }

        @Override
        public Map<LossTerm, Double> step(StepInputs in) {
            if (!faults.corruptImages(in.step())) {
                return super.step(in);
            }
            float[] nan = new float[in.images().length];
            Arrays.fill(nan, Float.NaN);
            return super.step(in.withImages(nan));
        }
    }

    /** An engine whose first initialisation is followed by copying in a bundle's weights (a warm start). */
    private static final class WarmStartedEngine extends ForwardingTrainingEngine {
        private final TrainingGraph graph;
        private final Map<String, float[]> weights;

        WarmStartedEngine(TrainingEngine engine, TrainingGraph graph, Map<String, float[]> weights) {
            super(engine);
            this.graph = graph;
            this.weights = weights;
        }

        @Override
        public void initialize(long seed) {
            super.initialize(seed);
            graph.warmStart(weights);
        }
    }

    @Override
    public TrainingResult train(
            TrainingConfig requested, Path runDir, boolean resume, TrainingListener listener, BooleanSupplier cancelled)
            throws TrainingException {
        TensorFlowRuntime.ensureStarted();
        CheckpointStore store = new CheckpointStore(runDir.resolve("checkpoints"));
        TrainingConfig config;
        Checkpoint start;
        try {
            if (resume) {
                if (!Files.exists(runDir.resolve(RunSettings.FILE_NAME))) {
                    throw new RunFolderException(
                            Problem.NOTHING_TO_RESUME,
                            runDir,
                            runDir + " holds no training run to resume. Start a new run without --resume.");
                }
                TrainingConfig saved = RunSettings.read(runDir);
                // The recipe stays the run's; a new CPU budget or thread count extends or retunes it, as --steps does.
                config = saved.withSteps(requested.steps())
                        .withTricks(saved.tricks().withLimitsFrom(requested.tricks()));
                start = store.latest()
                        .orElseThrow(
                                () -> new RunFolderException(
                                        Problem.NOTHING_TO_RESUME,
                                        runDir,
                                        runDir
                                                + " has no readable checkpoint to resume from. Start a new run without --resume."));
                listener.onMessage("Resuming at step " + start.step() + " of " + config.steps());
            } else {
                if (!store.list().isEmpty()) {
                    throw new RunFolderException(
                            Problem.HOLDS_A_RUN,
                            runDir,
                            runDir
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
        String description = dataset.description();
        float[] presences = TrainedLayout.presences(config, Splits.training(dataset));
        WarmStart.Weights warm = start == null && !config.tricks().warmStart().isEmpty()
                ? WarmStart.read(Path.of(config.tricks().warmStart()))
                : null;
        try (TrainingGraph graph = new TrainingGraph(arch, config)) {
            TrainingEngine engine = faults == FaultInjection.NONE ? graph : new FaultyEngine(graph, faults);
            if (warm != null) {
                try {
                    graph.warmStartValues(warm.values());
                } catch (IllegalArgumentException e) {
                    throw new TrainingException(
                            "Cannot start from " + config.tricks().warmStart() + ": " + e.getMessage()
                                    + ". Give the same --size, --channels, --attributes and --free as that model's run.",
                            e);
                }
                engine = new WarmStartedEngine(engine, graph, warm.values());
                listener.onMessage(
                        config.tricks().encoderOnly()
                                ? "Fitting the encoder to the generator of " + warm.modelName() + " (" + warm.steps()
                                        + " steps); its G and D stay as they are"
                                : "Starting from the weights of " + warm.modelName() + " (" + warm.steps()
                                        + " steps); the optimizers start fresh");
            }
            BundleExport export = c -> writeBundle(config, c, description, presences, runDir);
            return new TrainingLoop(
                            config,
                            Splits.training(dataset),
                            columns,
                            engine,
                            store,
                            runDir,
                            listener,
                            cancelled,
                            export)
                    .execute(start);
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
            Checkpoint c = store.latest()
                    .orElseThrow(() -> new TrainingException(runDir + " has no readable checkpoint to export."));
            ImageDataset dataset = openDataset(config);
            writeBundle(
                    config,
                    c,
                    dataset.description(),
                    TrainedLayout.presences(config, Splits.training(dataset)),
                    runDir);
            return c.step();
        } catch (IOException e) {
            throw new TrainingException("Cannot export " + runDir + ": " + e.getMessage(), e);
        }
    }

    private static void writeBundle(
            TrainingConfig config, Checkpoint c, String datasetDescription, float[] presences, Path runDir)
            throws IOException {
        BundleWriter.write(
                architecture(config),
                config.recipe().hasEncoder(),
                config.recipe().hasDiscriminator(),
                TrainingGraph.exportWeights(c.values()),
                manifest(config, datasetDescription, c.step(), TrainingLoop.pace(c), presences),
                runDir);
    }

    /**
     * Removes what a killed run left in its folder (a half-written checkpoint, sample grid or settings file), so a
     * resumed run or an export starts clean; the bundle's own temporaries go when it is exported.
     */
    private static void cleanStale(Path runDir, CheckpointStore store) throws IOException {
        store.cleanStale();
        SafeFiles.cleanStale(runDir);
        SafeFiles.cleanStale(runDir.resolve(SampleGrids.SAMPLES_DIR));
    }

    /** The network sizes a config asks for. */
    public static GanArchitecture architecture(TrainingConfig c) {
        return new GanArchitecture(
                c.imageSize(),
                3,
                c.attributes().size(),
                c.freeDims(),
                c.attributes().size(),
                c.baseChannels(),
                c.maxChannels(),
                c.hiddenUnits(),
                c.tricks().minibatchStd());
    }

    /**
     * The manifest of a model trained with {@code c} for {@code steps} steps, whose training record also holds
     * {@code measured} (the loop's seconds per step) and whose semantic dimensions say how common their attributes
     * are in the training images ({@code presences}, see {@link TrainedLayout#presences}).
     */
    public static ModelManifest manifest(
            TrainingConfig c, String datasetDescription, long steps, Map<String, String> measured, float[] presences) {
        Map<String, String> hyperParameters = new LinkedHashMap<>(c.hyperParameters());
        hyperParameters.putAll(measured);
        return new ModelManifest(
                ModelManifest.CURRENT_FORMAT_VERSION,
                c.modelName(),
                "Trained by Latent Lens (recipe " + c.recipe().key() + ") on " + datasetDescription + " at "
                        + c.imageSize() + "x" + c.imageSize() + ".",
                ImageSpec.rgbSquare(c.imageSize()),
                TrainedLayout.of(c, presences),
                c.attributes(),
                List.of(),
                new TrainingRecord(
                        datasetDescription,
                        steps,
                        Instant.now().toString(),
                        hyperParameters,
                        c.recipe().key()),
                Map.of());
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
            // InfoGAN's codes only borrow their names; it never reads a label.
            if (cols[i] < 0 && config.recipe().usesLabels()) {
                throw new TrainingException(
                        "The dataset has no attribute '" + config.attributes().get(i) + "'. "
                                + (dataset.attributes().isEmpty()
                                        ? "It is unlabelled (" + config.dataset() + "), so it can train only"
                                                + " free dimensions: leave the attributes empty (no --attributes on the command line). For named"
                                                + " sliders, train on labelled data (celeba:PATH with a list_attr.txt)."
                                        : "It has: " + String.join(", ", dataset.attributes()) + "."));
            }
        }
        return cols;
    }
}
