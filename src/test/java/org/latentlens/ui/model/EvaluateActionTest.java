package org.latentlens.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.latentlens.core.data.ImageDataset;
import org.latentlens.core.eval.BundleEvaluation;
import org.latentlens.core.eval.Judge;
import org.latentlens.core.eval.JudgeTrainer;
import org.latentlens.core.model.FakeGanModel;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.TrainingRecord;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.UiExecutor;

/** The end of a training run offers "Open and evaluate": the evaluation starts once that model is open. */
class EvaluateActionTest {
    /** Keeps background work instead of running it: the test only checks what was started, and when. */
    private static final class RecordingExecutor implements UiExecutor {
        final List<Callable<?>> started = new ArrayList<>();

        @Override
        public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError) {
            started.add(work);
        }

        @Override
        public void onUiThread(Runnable action) {
            action.run();
        }
    }

    private static ModelManifest trainedOn(String dataset) {
        return new ModelManifest(
                1,
                "fresh",
                "",
                ImageSpec.rgbSquare(8),
                LatentLayout.of(List.of("Smiling"), 1, 1.5f, 3f),
                List.of("Smiling"),
                List.of(),
                new TrainingRecord(dataset, 10, "", Map.of()),
                Map.of());
    }

    private static final JudgeTrainer NO_JUDGES = new JudgeTrainer() {
        @Override
        public Judge train(
                ImageDataset training,
                ImageDataset heldOut,
                List<String> attributes,
                int imageSize,
                int steps,
                Path dir,
                IntConsumer progress) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Judge load(Path dir) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void openAndEvaluateStartsOnlyOnceTheNewModelIsOpen() {
        ModelSession session = new ModelSession();
        RecordingExecutor executor = new RecordingExecutor();
        Path run = Path.of("runs", "fresh");
        List<Path> opened = new ArrayList<>();
        EvaluateAction action = new EvaluateAction(session, executor, new BundleEvaluation(NO_JUDGES), dir -> {
            opened.add(dir);
            session.open(new FakeGanModel(trainedOn("synthetic(seed=1)")), dir, List.of());
        });
        action.openAndStart(run);
        assertEquals(List.of(run), opened);
        assertTrue(action.runningProperty().get(), action.progressProperty().get());
        assertEquals(1, executor.started.size());
        assertTrue(
                action.progressProperty().get().startsWith("Evaluating fresh against synthetic"),
                action.progressProperty().get());
    }

    @Test
    void aModelWithoutLabelledTrainingDataSaysHowToMeasureIt() {
        ModelSession session = new ModelSession();
        RecordingExecutor executor = new RecordingExecutor();
        EvaluateAction action = new EvaluateAction(session, executor, new BundleEvaluation(NO_JUDGES), dir -> {});
        session.open(new FakeGanModel(trainedOn("folder:/photos")), Path.of("m"), List.of());
        assertFalse(action.possibleProperty().get());
        action.start();
        assertTrue(executor.started.isEmpty());
        assertTrue(
                action.progressProperty().get().contains("latent-lens evaluate MODEL --data DATA"),
                action.progressProperty().get());
    }
}
