package org.latentlens.ui.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.data.synthetic.FaceFactors;
import org.latentlens.core.model.CategoricalFactor;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.ManifestJson;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.TrainingRecord;
import org.latentlens.core.train.CpuBf16;
import org.latentlens.core.train.LossTerm;
import org.latentlens.core.train.ModelTrainer;
import org.latentlens.core.train.Recipe;
import org.latentlens.core.train.RunFolderException;
import org.latentlens.core.train.TrainingConfig;
import org.latentlens.core.train.TrainingException;
import org.latentlens.core.train.TrainingListener;
import org.latentlens.core.train.TrainingProgress;
import org.latentlens.core.train.TrainingResult;
import org.latentlens.core.train.TrainingTricks;
import org.latentlens.ui.common.InteractiveActivity;
import org.latentlens.ui.common.UiExecutor;

/** The Train tab's state through a run's transitions, with a scripted trainer and the test thread as UI thread. */
class TrainViewModelTest {
    @TempDir
    Path tmp;

    private final BlockingQueue<Runnable> ui = new LinkedBlockingQueue<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    /** One training run's behaviour. */
    private interface Script {
        TrainingResult train(Path runDir, boolean resume, TrainingListener listener, BooleanSupplier cancelled)
                throws TrainingException;
    }

    private TrainViewModel viewModel(Script script) {
        return viewModel(script, null);
    }

    private TrainViewModel viewModel(Script script, InteractiveActivity interactive) {
        ModelTrainer trainer = new ModelTrainer() {
            @Override
            public TrainingResult train(
                    TrainingConfig config,
                    Path runDir,
                    boolean resume,
                    TrainingListener listener,
                    BooleanSupplier cancelled)
                    throws TrainingException {
                calls.add(runDir.getFileName() + (resume ? " resume" : " new"));
                return script.train(runDir, resume, listener, cancelled);
            }

            @Override
            public long export(Path runDir) {
                throw new UnsupportedOperationException();
            }
        };
        UiExecutor queue = new UiExecutor() {
            @Override
            public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError) {
                throw new UnsupportedOperationException("training runs on its own thread");
            }

            @Override
            public void onUiThread(Runnable action) {
                ui.add(action);
            }
        };
        TrainViewModel vm = new TrainViewModel(trainer, queue, UnaryOperator.identity(), interactive);
        vm.outDirProperty().set(tmp.resolve("my-model").toString());
        return vm;
    }

    /** Runs what the trainer thread hands to the UI thread until {@code done} holds. */
    private void runUiUntil(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean()) {
            Runnable next = ui.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertNotNull(next, "the run did not get there within a minute");
            next.run();
        }
    }

    private static TrainingProgress step(long step, Duration eta) {
        return new TrainingProgress(
                step, 100, Map.of(LossTerm.D, 1.0, LossTerm.GE, 2.0, LossTerm.RECON_L1, 0.1), 40, eta);
    }

    @Test
    void aFolderHoldingARunOffersResumeOrANewFolderInsteadOfCommandLineOptions() throws Exception {
        Path taken = Files.createDirectories(tmp.resolve("my-model"));
        TrainViewModel vm = viewModel((dir, resume, listener, cancelled) -> {
            if (dir.equals(taken) && !resume) {
                throw new RunFolderException(
                        RunFolderException.Problem.HOLDS_A_RUN,
                        dir,
                        dir
                                + " already holds a training run (steps 2). Use --resume to continue it, or choose another --out"
                                + " folder.");
            }
            return new TrainingResult(true, 100, dir);
        });
        vm.start();
        runUiUntil(() -> !vm.runningProperty().get());
        assertTrue(vm.folderInUseProperty().get(), "Resume and New folder are offered");
        assertTrue(
                vm.errorProperty().get().contains("already holds a training run"),
                vm.errorProperty().get());
        assertFalse(
                vm.errorProperty().get().contains("--"),
                "no command-line options: " + vm.errorProperty().get());
        assertEquals("", vm.progressTextProperty().get(), "no 'Starting...' left after the refusal");

        vm.startInNewFolder();
        runUiUntil(() -> !vm.runningProperty().get());
        assertEquals(List.of("my-model new", "my-model-2 new"), calls);
        assertEquals(tmp.resolve("my-model-2").toString(), vm.outDirProperty().get());
        assertFalse(vm.folderInUseProperty().get());
        assertEquals("", vm.errorProperty().get());
        assertEquals(tmp.resolve("my-model-2"), vm.finishedBundleProperty().get());

        vm.outDirProperty().set(taken.toString());
        vm.resume();
        runUiUntil(() -> !vm.runningProperty().get());
        assertEquals("my-model resume", calls.get(2));
    }

    /** A run whose one step waits for its turn; the latches say when it asks and when it may go on. */
    private static Script oneTurn(CountDownLatch asking, CountDownLatch got) {
        return (dir, resume, listener, cancelled) -> {
            asking.countDown();
            listener.awaitTurn();
            got.countDown();
            return new TrainingResult(!cancelled.getAsBoolean(), 1, dir);
        };
    }

    @Test
    void theRunWaitsForItsTurnWhileARenderIsGoingAndStepsOnceItIsQuiet() throws Exception {
        AtomicLong clock = new AtomicLong();
        InteractiveActivity interactive = new InteractiveActivity(clock::get);
        var asking = new CountDownLatch(1);
        var got = new CountDownLatch(1);
        TrainViewModel vm = viewModel(oneTurn(asking, got), interactive);
        interactive.renderStarted();
        vm.start();
        assertTrue(asking.await(60, TimeUnit.SECONDS));
        assertFalse(got.await(100, TimeUnit.MILLISECONDS), "no step while the user's render runs");
        interactive.renderFinished();
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(InteractiveActivity.QUIET_MILLIS));
        assertTrue(got.await(60, TimeUnit.SECONDS), "the step goes once rendering has been quiet");
        runUiUntil(() -> !vm.runningProperty().get());
        assertTrue(
                vm.progressTextProperty().get().startsWith("Finished"),
                vm.progressTextProperty().get());
    }

    @Test
    void cancellingARunThatWaitsForItsTurnStopsTheWaitAtOnce() throws Exception {
        InteractiveActivity interactive = new InteractiveActivity(() -> 0);
        var asking = new CountDownLatch(1);
        var got = new CountDownLatch(1);
        TrainViewModel vm = viewModel(oneTurn(asking, got), interactive);
        // A render that never ends on a clock that never moves: only the cancel can end the wait.
        interactive.renderStarted();
        vm.start();
        assertTrue(asking.await(60, TimeUnit.SECONDS));
        vm.cancel();
        assertTrue(got.await(60, TimeUnit.SECONDS));
        runUiUntil(() -> !vm.runningProperty().get());
        assertTrue(
                vm.progressTextProperty().get().startsWith("Cancelled"),
                vm.progressTextProperty().get());
    }

    @Test
    void choosingAnotherFolderWithdrawsTheOffer() throws Exception {
        TrainViewModel vm = viewModel((dir, resume, listener, cancelled) -> {
            throw new RunFolderException(RunFolderException.Problem.HOLDS_A_RUN, dir, "taken");
        });
        vm.start();
        runUiUntil(() -> !vm.runningProperty().get());
        assertTrue(vm.folderInUseProperty().get());
        vm.outDirProperty().set(tmp.resolve("elsewhere").toString());
        assertFalse(vm.folderInUseProperty().get());
        assertEquals("", vm.errorProperty().get());
    }

    @Test
    void aRunWithACpuBudgetShowsItsShareOfTheBudget() throws Exception {
        TrainViewModel vm = viewModel((dir, resume, listener, cancelled) -> {
            listener.onProgress(new TrainingProgress(
                    5, 100, Map.of(LossTerm.D, 1.0), 40, Duration.ofSeconds(90), 30 * 60, 120 * 60));
            return new TrainingResult(true, 5, dir);
        });
        vm.start();
        runUiUntil(() -> vm.progressTextProperty().get().contains("CPU"));
        assertEquals(
                "step 5 / 100  ·  40 img/s  ·  CPU 30 / 120 min  ·  ETA 1:30",
                vm.progressTextProperty().get());
        assertEquals(0.25, vm.progressProperty().get(), 1e-9, "a quarter of the budget, not 5 % of the steps");
        runUiUntil(() -> !vm.runningProperty().get());
    }

    @Test
    void cancellingLeavesNoStaleEta() throws Exception {
        TrainViewModel vm = viewModel((dir, resume, listener, cancelled) -> {
            listener.onProgress(step(5, Duration.ofSeconds(329)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!cancelled.getAsBoolean() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            // The step in flight when Cancel came still reports.
            listener.onProgress(step(6, Duration.ofSeconds(328)));
            return new TrainingResult(false, 6, dir);
        });
        vm.start();
        runUiUntil(() -> vm.progressTextProperty().get().contains("ETA 5:29"));
        vm.cancel();
        assertTrue(
                vm.progressTextProperty().get().startsWith("Cancelling"),
                vm.progressTextProperty().get());
        runUiUntil(() -> !vm.runningProperty().get());
        assertEquals(
                "Cancelled at step 6; the model so far is saved",
                vm.progressTextProperty().get());
        assertEquals("", vm.errorProperty().get());
    }

    @Test
    void aFailureLeavesNoStartingAndANewRunClearsTheOldOne() throws Exception {
        boolean[] fail = {true};
        TrainViewModel vm = viewModel((dir, resume, listener, cancelled) -> {
            if (fail[0]) {
                throw new TrainingException("No image of folder:/x could be read. Check the folder.");
            }
            listener.onProgress(step(100, Duration.ZERO));
            return new TrainingResult(true, 100, dir);
        });
        vm.start();
        assertEquals("Starting…", vm.progressTextProperty().get());
        runUiUntil(() -> !vm.runningProperty().get());
        assertEquals("", vm.progressTextProperty().get());
        assertEquals(
                "No image of folder:/x could be read. Check the folder.",
                vm.errorProperty().get());
        assertNull(vm.finishedBundleProperty().get());

        fail[0] = false;
        vm.start();
        assertEquals("", vm.errorProperty().get(), "the old error goes when a run starts");
        runUiUntil(() -> !vm.runningProperty().get());
        assertEquals("Finished: 100 steps", vm.progressTextProperty().get());
        assertEquals(1.0, vm.progressProperty().get());
    }

    @Test
    void aResumeWithNothingToResumeSaysSoPlainly() throws Exception {
        TrainViewModel vm = viewModel((dir, resume, listener, cancelled) -> {
            throw new RunFolderException(
                    RunFolderException.Problem.NOTHING_TO_RESUME,
                    dir,
                    dir + " holds no training run to resume. Start a new run without --resume.");
        });
        vm.resume();
        runUiUntil(() -> !vm.runningProperty().get());
        assertFalse(vm.folderInUseProperty().get());
        assertTrue(
                vm.errorProperty().get().startsWith("There is no training run to resume in"),
                vm.errorProperty().get());
        assertFalse(vm.errorProperty().get().contains("--"));
    }

    @Test
    void choosingARecipeChangesTheConfigItsHelpAndWhetherAttributesApply() {
        TrainViewModel vm = viewModel((dir, resume, listener, cancelled) -> null);
        assertEquals(Recipe.INTERPRETABLE, vm.config().recipe());
        assertEquals(FaceFactors.ATTRIBUTES, vm.config().attributes());
        assertTrue(vm.takesAttributesProperty().get());

        vm.recipeProperty().set(Recipe.GAN);
        TrainingConfig gan = vm.config();
        assertEquals(Recipe.GAN, gan.recipe());
        assertEquals(List.of(), gan.attributes(), "a GAN learns no named attributes, whatever the field says");
        assertEquals(0.0, gan.weights().reconstruction(), 0.0);
        assertEquals(Recipe.GAN.help(), vm.recipeHelpProperty().get());
        assertFalse(vm.takesAttributesProperty().get());

        vm.recipeProperty().set(Recipe.INFOGAN);
        assertEquals(Recipe.INFOGAN_CODES, vm.config().attributes());
        assertEquals(List.of(Recipe.infoganCode()), vm.config().categoricals());

        vm.recipeProperty().set(Recipe.SS_INFOGAN);
        assertEquals(0.1, vm.config().labelFraction(), 0.0, "a small labelled share");
        assertEquals(FaceFactors.ATTRIBUTES, vm.config().attributes());
    }

    @Test
    void oneOfNAttributesBecomeOneCategoricalFactorAndABadEntrySaysHowToWriteIt() throws Exception {
        TrainViewModel vm = viewModel((dir, resume, listener, cancelled) -> null);
        vm.attributesProperty().set("Male,Young,White,Black,Asian");
        vm.categoricalProperty().set("Race=White,Black,Asian");
        TrainingConfig c = vm.config();
        assertEquals(List.of(new CategoricalFactor("Race", List.of("White", "Black", "Asian"))), c.categoricals());

        vm.recipeProperty().set(Recipe.GAN);
        assertEquals(List.of(), vm.config().categoricals(), "a recipe without labels has no named factors");

        vm.recipeProperty().set(Recipe.INTERPRETABLE);
        vm.categoricalProperty().set("Race White Black");
        vm.start();
        assertTrue(
                vm.errorProperty().get().startsWith("One-of-N attributes take NAME=VALUE1,VALUE2"),
                vm.errorProperty().get());
        assertFalse(vm.runningProperty().get(), "nothing started");
    }

    @Test
    void theBf16BoxStartsOnWhereTheCpuHasItAndReachesTheRun() {
        TrainViewModel vm = viewModel((dir, resume, listener, cancelled) -> null);
        assertEquals(CpuBf16.available(), vm.bf16Property().get());
        vm.bf16Property().set(true);
        assertTrue(vm.config().tricks().bf16());
        vm.bf16Property().set(false);
        assertFalse(vm.config().tricks().bf16());
    }

    @Test
    void startingFromAModelTakesItsShapeAndABadFolderSaysWhy() throws Exception {
        TrainViewModel vm = viewModel((dir, resume, listener, cancelled) -> null);
        TrainingConfig trained = TrainingConfig.defaults("synthetic", 32, List.of("Smiling"), 900)
                .withTricks(new TrainingTricks(0, 16, List.of(), 0, true, 0, 0, 0));
        Path bundle = tmp.resolve("trained");
        Files.createDirectories(bundle);
        ManifestJson.write(
                new ModelManifest(
                        1,
                        "trained",
                        "",
                        ImageSpec.rgbSquare(32),
                        LatentLayout.of(List.of("Smiling"), 8, 1.5f, 3f),
                        List.of("Smiling"),
                        List.of(),
                        new TrainingRecord("synthetic", 900, "", trained.hyperParameters(), "interpretable"),
                        Map.of()),
                bundle);
        assertFalse(vm.finetuningProperty().get());
        vm.startFromOpenModel();
        assertEquals("", vm.startFromProperty().get(), "no model open: nothing to start from");
        vm.openModelDirProperty().set(bundle);
        vm.startFromOpenModel();
        vm.encoderOnlyProperty().set(true);
        assertTrue(vm.finetuningProperty().get());
        TrainingConfig c = vm.config();
        assertEquals(32, c.imageSize(), "the model's size, not the form's 64");
        assertEquals(List.of("Smiling"), c.attributes());
        assertEquals(bundle.toString(), c.tricks().warmStart());
        assertTrue(c.tricks().encoderOnly());
        assertTrue(c.tricks().minibatchStd());
        vm.bf16Property().set(true);
        assertTrue(vm.config().tricks().bf16(), "the BF16 box reaches a fine-tuning run");
        vm.bf16Property().set(false);
        assertFalse(vm.config().tricks().bf16());

        vm.startFromProperty().set(tmp.resolve("not-a-model").toString());
        vm.start();
        assertTrue(
                vm.errorProperty().get().startsWith("Cannot start from "),
                vm.errorProperty().get());
        assertFalse(vm.runningProperty().get(), "nothing started");
        assertTrue(calls.isEmpty());
    }
}
