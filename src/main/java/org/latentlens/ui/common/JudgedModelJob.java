package org.latentlens.ui.common;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.latentlens.core.eval.BundleEvaluation;
import org.latentlens.core.model.GanModel;

/**
 * Long background work on the open model that reads it through a judge of the labelled data its manifest names
 * (Evaluate, Find directions): whether it is possible, its stages as they happen, cancel between stages, and how
 * it ended. The work holds a lease on the model, so a model opened meanwhile does not close it under the work.
 */
public final class JudgedModelJob {
    /**
     * The work itself, run on the background thread.
     *
     * @param <T> what it produces
     */
    @FunctionalInterface
    public interface Work<T> {
        /** Runs on {@code model} from {@code dir} against {@code data}, reporting stages and judge steps. */
        T run(
                GanModel model,
                Path dir,
                String data,
                Consumer<String> log,
                IntConsumer judgeProgress,
                BooleanSupplier cancelled)
                throws Exception;
    }

    /**
     * What the user reads about one kind of job.
     *
     * @param noData shown when the manifest names no labelled data (with the command line that does it)
     * @param cancelled shown when the user cancelled
     * @param failed put before the error's message when the work failed
     */
    public record Texts(String noData, String cancelled, String failed) {}

    private final ModelSession session;
    private final UiExecutor executor;
    private final boolean available;
    private final int judgeSteps;
    private final Texts texts;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper possible = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
    private final AtomicBoolean cancel = new AtomicBoolean();

    /**
     * @param available whether the app can run the work at all (it was given a judge trainer)
     * @param judgeSteps steps of a judge trained on the way, for the progress text
     */
    public JudgedModelJob(ModelSession session, UiExecutor executor, boolean available, int judgeSteps, Texts texts) {
        this.session = session;
        this.executor = executor;
        this.available = available;
        this.judgeSteps = judgeSteps;
        this.texts = texts;
        session.modelProperty().addListener((o, was, now) -> update());
        update();
    }

    private void update() {
        GanModel m = session.modelProperty().get();
        boolean dataKnown = m != null && BundleEvaluation.dataOf(m.manifest()).isPresent();
        possible.set(available && m != null && session.bundleDirProperty().get() != null && dataKnown);
        if (!running.get()) {
            progress.set(m != null && available && !dataKnown ? texts.noData() : "");
        }
    }

    /**
     * Starts {@code work} on the open model when possible.
     *
     * @param startText what the user reads first, from the model and the data
     * @param done applied on the UI thread to the model worked on and the result; returns how it ended
     */
    public <T> void start(
            BiFunction<GanModel, String, String> startText, Work<T> work, BiFunction<GanModel, T, String> done) {
        GanModel model = session.modelProperty().get();
        Path dir = session.bundleDirProperty().get();
        if (!possible.get() || running.get()) {
            return;
        }
        String data = BundleEvaluation.dataOf(model.manifest()).orElseThrow();
        cancel.set(false);
        running.set(true);
        progress.set(startText.apply(model, data));
        executor.run(
                () -> {
                    try (var lease = session.lease(model)
                            .orElseThrow(() ->
                                    new IllegalStateException("another model was opened before the work started"))) {
                        return work.run(
                                lease.model(),
                                dir,
                                data,
                                line -> executor.onUiThread(() -> progress.set(line)),
                                step -> {
                                    if (step % 50 == 0) {
                                        executor.onUiThread(() ->
                                                progress.set("Training the judge: step " + step + " of " + judgeSteps));
                                    }
                                },
                                cancel::get);
                    }
                },
                result -> {
                    running.set(false);
                    progress.set(done.apply(model, result));
                },
                e -> {
                    running.set(false);
                    progress.set(
                            e instanceof CancellationException || e.getCause() instanceof CancellationException
                                    ? texts.cancelled()
                                    : texts.failed() + e.getMessage());
                });
    }

    /** Asks running work to stop at its next stage. */
    public void cancel() {
        cancel.set(true);
    }

    /** Whether the work runs now. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Whether the open model can be worked on from the app (its manifest names labelled data). */
    public ReadOnlyBooleanProperty possibleProperty() {
        return possible.getReadOnlyProperty();
    }

    /** The current stage, or why the work is not possible, or how it ended. */
    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }
}
