package org.latentlens.ui.train;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.binding.StringBinding;
import javafx.beans.binding.StringExpression;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.latentlens.core.data.synthetic.FaceFactors;
import org.latentlens.core.model.CategoricalFactor;
import org.latentlens.core.train.CpuBf16;
import org.latentlens.core.train.FineTuning;
import org.latentlens.core.train.LossTerm;
import org.latentlens.core.train.ModelTrainer;
import org.latentlens.core.train.Recipe;
import org.latentlens.core.train.RunFolderException;
import org.latentlens.core.train.TrainingConfig;
import org.latentlens.core.train.TrainingListener;
import org.latentlens.core.train.TrainingProgress;
import org.latentlens.core.train.TrainingResult;
import org.latentlens.ui.common.InteractiveActivity;
import org.latentlens.ui.common.UiExecutor;

/**
 * A training run from the app. The trainer runs on its own thread and never touches a property: it writes
 * the newest progress into a holder, and at most one UI update is pending at a time, carrying the newest
 * values (so a fast run cannot flood the UI thread). Loss points are added to the chart in batches.
 */
public final class TrainViewModel {
    /** At most this many points per loss curve; older points are thinned by the step interval. */
    static final int CHART_POINTS = 400;

    private final ModelTrainer trainer;
    private final UiExecutor executor;
    private final StringProperty dataset = new SimpleStringProperty("synthetic");
    private final StringProperty attributes = new SimpleStringProperty(String.join(",", FaceFactors.ATTRIBUTES));
    private final StringProperty categorical = new SimpleStringProperty("");
    private final ObjectProperty<Recipe> recipe = new SimpleObjectProperty<>(Recipe.INTERPRETABLE);
    private final StringBinding recipeHelp =
            Bindings.createStringBinding(() -> recipe.get().help(), recipe);
    private final BooleanBinding takesAttributes =
            Bindings.createBooleanBinding(() -> recipe.get().usesLabels(), recipe);
    /** A model folder to fine-tune (its shape replaces the form's); blank: start from random weights. */
    private final StringProperty startFrom = new SimpleStringProperty("");

    private final BooleanProperty encoderOnly = new SimpleBooleanProperty(false);
    /** BF16 arithmetic: on where the CPU has it (measured faster at equal quality there, docs/training.md). */
    private final BooleanProperty bf16 = new SimpleBooleanProperty(CpuBf16.available());

    private final ObjectProperty<Path> openModelDir = new SimpleObjectProperty<>();
    private final BooleanBinding finetuning =
            Bindings.createBooleanBinding(() -> !startFrom.get().isBlank(), startFrom);
    private final IntegerProperty size = new SimpleIntegerProperty(64);
    private final IntegerProperty steps = new SimpleIntegerProperty(2000);
    private final StringProperty outDir =
            new SimpleStringProperty(Path.of(System.getProperty("user.home"), "latent-lens-runs", "my-model")
                    .toString());
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<BufferedImage> samples = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> finishedBundle = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper folderInUse = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<String> messages = FXCollections.observableArrayList();
    private final ObservableList<LossPoint> lossPoints = FXCollections.observableArrayList();
    private final AtomicBoolean cancel = new AtomicBoolean();
    private final AtomicReference<Snapshot> latest = new AtomicReference<>();
    private final AtomicBoolean updatePending = new AtomicBoolean();
    private final UnaryOperator<TrainingConfig> tuning;
    /** The user's live work that training gives way to between steps; null: training never waits. */
    private final InteractiveActivity interactive;
    /** Where the run is; read and written on the UI thread only. */
    private Phase phase = Phase.IDLE;

    private enum Phase {
        IDLE,
        STARTING,
        RUNNING,
        CANCELLING,
        ENDED
    }

    /**
     * One point of the loss chart.
     *
     * @param step training step
     * @param discriminator D's loss
     * @param generator G and E's loss
     * @param reconstruction L1 reconstruction error
     */
    public record LossPoint(long step, double discriminator, double generator, double reconstruction) {}

    private record Snapshot(
            TrainingProgress progress, List<LossPoint> points, BufferedImage samples, List<String> messages) {}

    /** Runs {@code trainer} on a thread of its own; results are applied through {@code executor}. */
    public TrainViewModel(ModelTrainer trainer, UiExecutor executor) {
        this(trainer, executor, UnaryOperator.identity());
    }

    /** As above, with {@code tuning} applied to every config the form produces (tests shrink the networks). */
    public TrainViewModel(ModelTrainer trainer, UiExecutor executor, UnaryOperator<TrainingConfig> tuning) {
        this(trainer, executor, tuning, null);
    }

    /**
     * As above; before each step the run waits (a bounded while) until {@code interactive} has been quiet, so that
     * dragging a slider stays live while training shares the CPU ({@code null}: never waits).
     */
    public TrainViewModel(
            ModelTrainer trainer,
            UiExecutor executor,
            UnaryOperator<TrainingConfig> tuning,
            InteractiveActivity interactive) {
        this.trainer = trainer;
        this.executor = executor;
        this.tuning = tuning;
        this.interactive = interactive;
        // Another folder: what was said about the old one no longer holds.
        outDir.addListener((o, was, now) -> {
            if (folderInUse.get()) {
                folderInUse.set(false);
                error.set("");
            }
        });
    }

    public StringProperty datasetProperty() {
        return dataset;
    }

    /** Comma-separated attribute names that become sliders. */
    public StringProperty attributesProperty() {
        return attributes;
    }

    /**
     * Attributes that are one-of-N, each trained and shown as one control with a choice per value:
     * {@code Race=White,Black,Asian,Indian,Other_Race}, several separated by ";"; empty for none. The values must be
     * among the attributes.
     */
    public StringProperty categoricalProperty() {
        return categorical;
    }

    /** The model family to train. */
    public ObjectProperty<Recipe> recipeProperty() {
        return recipe;
    }

    /** One sentence on the chosen recipe. */
    public StringExpression recipeHelpProperty() {
        return recipeHelp;
    }

    /** Whether the chosen recipe learns the attributes typed (the others ignore them). */
    public BooleanExpression takesAttributesProperty() {
        return takesAttributes;
    }

    /** The model folder a run starts from (fine-tuning); blank: random weights. */
    public StringProperty startFromProperty() {
        return startFrom;
    }

    /** Whether a fine-tuning run trains only the encoder, leaving every image the model makes as it is. */
    public BooleanProperty encoderOnlyProperty() {
        return encoderOnly;
    }

    /**
     * Whether the run's convolutions compute in bfloat16 ({@code train --bf16}); starts on where the CPU multiplies
     * bfloat16 in hardware.
     */
    public BooleanProperty bf16Property() {
        return bf16;
    }

    /** Whether the form starts from a model: its size, recipe and attributes are then the model's. */
    public BooleanExpression finetuningProperty() {
        return finetuning;
    }

    /** The folder of the model open in the explorer (null: none, or not from a folder); the window binds it. */
    public ObjectProperty<Path> openModelDirProperty() {
        return openModelDir;
    }

    /** Starts the form from the model open in the explorer, if there is one. */
    public void startFromOpenModel() {
        if (openModelDir.get() != null) {
            startFrom.set(openModelDir.get().toString());
        }
    }

    public IntegerProperty sizeProperty() {
        return size;
    }

    public IntegerProperty stepsProperty() {
        return steps;
    }

    public StringProperty outDirProperty() {
        return outDir;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** "step 120 / 2000 · 41 img/s · ETA 12:30". */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The newest grid of samples from fixed codes. */
    public ReadOnlyObjectProperty<BufferedImage> samplesProperty() {
        return samples.getReadOnlyProperty();
    }

    /**
     * True when a new run was refused because the run folder holds another: the view offers {@link #resume()} and
     * {@link #startInNewFolder()}. Cleared by the next run or another folder.
     */
    public ReadOnlyBooleanProperty folderInUseProperty() {
        return folderInUse.getReadOnlyProperty();
    }

    /** The bundle of the last run that ended (finished or cancelled); ready to open in the explorer. */
    public ReadOnlyObjectProperty<Path> finishedBundleProperty() {
        return finishedBundle.getReadOnlyProperty();
    }

    public ObservableList<String> messages() {
        return messages;
    }

    public ObservableList<LossPoint> lossPoints() {
        return lossPoints;
    }

    /** Starts a new run with the form's settings. */
    public void start() {
        launch(false);
    }

    /** Continues the run in the output folder from its newest checkpoint. */
    public void resume() {
        launch(true);
    }

    /** Starts the form's run in a fresh folder beside the chosen one ({@code my-model-2}, ...). */
    public void startInNewFolder() {
        outDir.set(freeSibling(Path.of(outDir.get())).toString());
        start();
    }

    /** {@code dir} itself if it does not exist, else the first of {@code dir-2}, {@code dir-3}, ... that does not. */
    static Path freeSibling(Path dir) {
        if (!Files.exists(dir)) {
            return dir;
        }
        for (int i = 2; ; i++) {
            Path next = dir.resolveSibling(dir.getFileName() + "-" + i);
            if (!Files.exists(next)) {
                return next;
            }
        }
    }

    /** Asks the run to stop after its current step; it checkpoints and exports first. */
    public void cancel() {
        if (phase != Phase.STARTING && phase != Phase.RUNNING) {
            return;
        }
        cancel.set(true);
        phase = Phase.CANCELLING;
        progressText.set("Cancelling: saving a checkpoint and the model so far…");
    }

    /** The config the form describes. */
    public TrainingConfig config() {
        Recipe r = recipe.get();
        List<String> attrs = !r.usesLabels()
                ? List.of()
                : Arrays.stream(attributes.get().split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
        if (r == Recipe.INFOGAN) {
            attrs = Recipe.INFOGAN_CODES;
        }
        TrainingConfig d = TrainingConfig.defaults(dataset.get().trim(), size.get(), attrs, steps.get());
        TrainingConfig c = d.toBuilder()
                .labelFraction(r == Recipe.SS_INFOGAN ? 0.1 : d.labelFraction())
                .sampleEvery(Math.max(1, Math.min(d.sampleEvery(), steps.get() / 8)))
                .modelName(Path.of(outDir.get()).getFileName().toString())
                .categoricals(
                        r == Recipe.INFOGAN
                                ? List.of(Recipe.infoganCode())
                                : r.usesLabels() ? categoricals() : List.of())
                .recipe(r)
                .weights(r.weights(d.imageSize(), d.hiddenUnits(), null))
                .build();
        c = c.withTricks(c.tricks().withBf16(bf16.get()));
        if (startFrom.get().isBlank()) {
            return c;
        }
        return FineTuning.of(Path.of(startFrom.get().trim()), c, encoderOnly.get());
    }

    /** The one-of-N field's factors; a clear message when it is not NAME=A,B,... */
    private List<CategoricalFactor> categoricals() {
        List<CategoricalFactor> out = new ArrayList<>();
        for (String part : categorical.get().split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0 || part.substring(eq + 1).isBlank()) {
                throw new IllegalArgumentException("One-of-N attributes take NAME=VALUE1,VALUE2,..., for example"
                        + " Race=White,Black,Asian,Indian,Other_Race; got '" + part.trim() + "'.");
            }
            out.add(CategoricalFactor.parse(part.trim()));
        }
        return out;
    }

    private void launch(boolean resume) {
        if (running.get()) {
            return;
        }
        TrainingConfig config;
        Path out;
        try {
            config = tuning.apply(config());
            out = Path.of(outDir.get());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        // Nothing of an earlier run stays on screen.
        latest.set(null);
        cancel.set(false);
        folderInUse.set(false);
        error.set("");
        messages.clear();
        lossPoints.clear();
        samples.set(null);
        finishedBundle.set(null);
        progress.set(0);
        progressText.set(resume ? "Resuming…" : "Starting…");
        phase = Phase.STARTING;
        running.set(true);
        final TrainingConfig chosen = config;
        Thread worker = new Thread(() -> run(chosen, out, resume), "trainer");
        worker.setDaemon(true);
        worker.start();
    }

    private void run(TrainingConfig config, Path out, boolean resume) {
        long every = Math.max(1, config.steps() / CHART_POINTS);
        try {
            TrainingResult result = trainer.train(
                    config,
                    out,
                    resume,
                    new TrainingListener() {
                        @Override
                        public void awaitTurn() {
                            if (interactive != null) {
                                interactive.awaitTurn(cancel::get);
                            }
                        }

                        @Override
                        public void onProgress(TrainingProgress p) {
                            List<LossPoint> points = List.of();
                            if (p.step() % every == 0 || p.step() == p.totalSteps()) {
                                points = List.of(new LossPoint(
                                        p.step(),
                                        p.losses().getOrDefault(LossTerm.D, Double.NaN),
                                        p.losses().getOrDefault(LossTerm.GE, Double.NaN),
                                        p.losses().getOrDefault(LossTerm.RECON_L1, Double.NaN)));
                            }
                            publish(p, points, null, List.of());
                        }

                        @Override
                        public void onSamples(long step, BufferedImage grid) {
                            publish(null, List.of(), grid, List.of());
                        }

                        @Override
                        public void onMessage(String message) {
                            publish(null, List.of(), null, List.of(message));
                        }
                    },
                    cancel::get);
            executor.onUiThread(() -> ended(result));
        } catch (Exception e) {
            executor.onUiThread(() -> failed(e));
        }
    }

    private void ended(TrainingResult result) {
        flush();
        phase = Phase.ENDED;
        running.set(false);
        finishedBundle.set(result.bundle());
        if (result.completed()) {
            progress.set(1);
            progressText.set("Finished: " + result.step() + " steps");
        } else {
            progressText.set("Cancelled at step " + result.step() + "; the model so far is saved");
        }
        messages.add((result.completed() ? "Finished" : "Cancelled") + " at step " + result.step() + ". Model in "
                + result.bundle());
    }

    private void failed(Exception e) {
        flush();
        phase = Phase.ENDED;
        running.set(false);
        progressText.set("");
        if (e instanceof RunFolderException folder && folder.problem() == RunFolderException.Problem.HOLDS_A_RUN) {
            folderInUse.set(true);
            error.set("The folder " + folder.runDir().getFileName() + " already holds a training run. Resume it, or"
                    + " start this run in a new folder ("
                    + freeSibling(folder.runDir()).getFileName() + ").");
        } else if (e instanceof RunFolderException folder) {
            error.set("There is no training run to resume in " + folder.runDir() + ". Start a new run.");
        } else {
            error.set(e.getMessage());
        }
    }

    /** Called on the trainer thread: merges into the pending snapshot and schedules one UI update. */
    private void publish(TrainingProgress p, List<LossPoint> points, BufferedImage grid, List<String> msgs) {
        latest.accumulateAndGet(new Snapshot(p, points, grid, msgs), TrainViewModel::merge);
        if (updatePending.compareAndSet(false, true)) {
            executor.onUiThread(this::flush);
        }
    }

    private static Snapshot merge(Snapshot older, Snapshot newer) {
        if (older == null) {
            return newer;
        }
        List<LossPoint> points = new ArrayList<>(older.points());
        points.addAll(newer.points());
        List<String> msgs = new ArrayList<>(older.messages());
        msgs.addAll(newer.messages());
        return new Snapshot(
                newer.progress() != null ? newer.progress() : older.progress(),
                points,
                newer.samples() != null ? newer.samples() : older.samples(),
                msgs);
    }

    /** Applies the pending snapshot on the UI thread. */
    private void flush() {
        updatePending.set(false);
        Snapshot s = latest.getAndSet(null);
        if (s == null) {
            return;
        }
        // Progress figures only while the run goes on: never a stale ETA over "Cancelling" or after the end.
        if (s.progress() != null && (phase == Phase.STARTING || phase == Phase.RUNNING)) {
            phase = Phase.RUNNING;
            TrainingProgress p = s.progress();
            progress.set(p.fractionDone());
            long eta = p.eta().getSeconds();
            String budget = p.hasCpuBudget()
                    ? String.format(
                            Locale.ROOT, "  ·  CPU %.0f / %.0f min", p.cpuSeconds() / 60, p.cpuLimitSeconds() / 60)
                    : "";
            progressText.set(String.format(
                    Locale.ROOT,
                    "step %d / %d  ·  %.0f img/s%s  ·  ETA %d:%02d",
                    p.step(),
                    p.totalSteps(),
                    p.imagesPerSecond(),
                    budget,
                    eta / 60,
                    eta % 60));
        }
        if (!s.points().isEmpty()) {
            lossPoints.addAll(s.points());
        }
        if (s.samples() != null) {
            samples.set(s.samples());
        }
        messages.addAll(s.messages());
    }
}
