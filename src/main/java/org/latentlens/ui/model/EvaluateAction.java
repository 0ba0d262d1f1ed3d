package org.latentlens.ui.model;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import org.latentlens.core.eval.BundleEvaluation;
import org.latentlens.core.model.GanModel;
import org.latentlens.ui.common.JudgedModelJob;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.UiExecutor;

/**
 * The model card's Evaluate button: measures the open model in the background exactly as {@code latent-lens
 * evaluate} does (judge from the bundle or trained on the model's own labelled data), shows each stage as it
 * happens, can be cancelled, and reopens the model when the figures are written so the card and sliders show them.
 */
public final class EvaluateAction {
    private final ModelSession session;
    private final BundleEvaluation evaluation;
    private final Consumer<Path> reopen;
    private final JudgedModelJob job;

    /**
     * @param evaluation measures bundles ({@code null}: the app was started without a judge trainer; the button
     *     stays disabled)
     * @param reopen opens a bundle folder again once its manifest has new figures
     */
    public EvaluateAction(
            ModelSession session, UiExecutor executor, BundleEvaluation evaluation, Consumer<Path> reopen) {
        this.session = session;
        this.evaluation = evaluation;
        this.reopen = reopen;
        this.job = new JudgedModelJob(
                session,
                executor,
                evaluation != null,
                BundleEvaluation.Options.DEFAULT.judgeSteps(),
                new JudgedModelJob.Texts(
                        "The manifest does not name labelled training data: measure it with latent-lens evaluate MODEL --data DATA.",
                        "Evaluation cancelled; the manifest was left as it was.",
                        "Evaluation failed: "));
    }

    /** Starts measuring the open model. */
    public void start() {
        Path dir = session.bundleDirProperty().get();
        job.start(
                (model, data) -> "Evaluating " + model.manifest().name() + " against " + data + "...",
                (model, at, data, log, judgeProgress, cancelled) -> evaluation.run(
                        model, at, data, 1, BundleEvaluation.Options.DEFAULT, log, judgeProgress, cancelled),
                (model, figures) -> {
                    reopen.accept(dir);
                    return "Figures written to the manifest; reopening the model.";
                });
    }

    /**
     * Opens {@code dir} through the reopen callback and starts measuring it once it is the open model (the end of
     * a training run: "Open and evaluate").
     */
    public void openAndStart(Path dir) {
        ChangeListener<GanModel> once = new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends GanModel> o, GanModel was, GanModel now) {
                if (now != null && dir.equals(session.bundleDirProperty().get())) {
                    session.modelProperty().removeListener(this);
                    start();
                }
            }
        };
        session.modelProperty().addListener(once);
        reopen.accept(dir);
    }

    /** Asks a running evaluation to stop at its next stage. */
    public void cancel() {
        job.cancel();
    }

    /** Whether an evaluation runs now. */
    public ReadOnlyBooleanProperty runningProperty() {
        return job.runningProperty();
    }

    /** Whether the open model can be evaluated from the app (its manifest names labelled training data). */
    public ReadOnlyBooleanProperty possibleProperty() {
        return job.possibleProperty();
    }

    /** The current stage, or why evaluation is not possible, or how it ended. */
    public ReadOnlyStringProperty progressProperty() {
        return job.progressProperty();
    }
}
