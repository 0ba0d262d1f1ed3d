package org.latentlens.ui.model;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.latentlens.core.eval.BundleEvaluation;
import org.latentlens.core.model.GanModel;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.UiExecutor;

/**
 * The model card's Evaluate button: measures the open model in the background exactly as {@code latent-lens
 * evaluate} does (judge from the bundle or trained on the model's own labelled data), shows each stage as it
 * happens, can be cancelled, and reopens the model when the figures are written so the card and sliders show them.
 */
public final class EvaluateAction {
  private final ModelSession session;
  private final UiExecutor executor;
  private final BundleEvaluation evaluation;
  private final Consumer<Path> reopen;
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper possible = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
  private final AtomicBoolean cancel = new AtomicBoolean();

  /**
   * @param evaluation measures bundles ({@code null}: the app was started without a judge trainer; the button
   *     stays disabled)
   * @param reopen opens a bundle folder again once its manifest has new figures
   */
  public EvaluateAction(ModelSession session, UiExecutor executor, BundleEvaluation evaluation, Consumer<Path> reopen) {
    this.session = session;
    this.executor = executor;
    this.evaluation = evaluation;
    this.reopen = reopen;
    session.modelProperty().addListener((o, was, now) -> update());
    update();
  }

  private void update() {
    GanModel m = session.modelProperty().get();
    possible.set(evaluation != null && m != null && session.bundleDirProperty().get() != null
        && BundleEvaluation.dataOf(m.manifest()).isPresent());
    if (!running.get()) {
      progress.set(m != null && evaluation != null && BundleEvaluation.dataOf(m.manifest()).isEmpty()
          ? "The manifest does not name labelled training data: measure it with latent-lens evaluate MODEL --data DATA."
          : "");
    }
  }

  /** Starts measuring the open model. */
  public void start() {
    GanModel model = session.modelProperty().get();
    Path dir = session.bundleDirProperty().get();
    if (!possible.get() || running.get()) {
      return;
    }
    String data = BundleEvaluation.dataOf(model.manifest()).orElseThrow();
    cancel.set(false);
    running.set(true);
    progress.set("Evaluating " + model.manifest().name() + " against " + data + "...");
    executor.run(() -> {
      try (var lease = session.lease(model).orElseThrow(
          () -> new IllegalStateException("another model was opened before the evaluation started"))) {
        return evaluation.run(lease.model(), dir, data, 1, BundleEvaluation.Options.DEFAULT,
            line -> executor.onUiThread(() -> progress.set(line)),
            step -> {
              if (step % 50 == 0) {
                executor.onUiThread(() -> progress.set("Training the judge: step " + step + " of "
                    + BundleEvaluation.Options.DEFAULT.judgeSteps()));
              }
            }, cancel::get);
      }
    }, done -> {
      running.set(false);
      progress.set("Figures written to the manifest; reopening the model.");
      reopen.accept(dir);
    }, e -> {
      running.set(false);
      progress.set(e instanceof CancellationException || e.getCause() instanceof CancellationException
          ? "Evaluation cancelled; the manifest was left as it was." : "Evaluation failed: " + e.getMessage());
    });
  }

  /**
   * Opens {@code dir} through the reopen callback and starts measuring it once it is the open model (the end of
   * a training run: "Open and evaluate").
   */
  public void openAndStart(Path dir) {
    javafx.beans.value.ChangeListener<GanModel> once = new javafx.beans.value.ChangeListener<>() {
      @Override
      public void changed(javafx.beans.value.ObservableValue<? extends GanModel> o, GanModel was, GanModel now) {
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
    cancel.set(true);
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  /** Whether the open model can be evaluated from the app (its manifest names labelled training data). */
  public ReadOnlyBooleanProperty possibleProperty() {
    return possible.getReadOnlyProperty();
  }

  /** The current stage, or why evaluation is not possible, or how it ended. */
  public ReadOnlyStringProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }
}
