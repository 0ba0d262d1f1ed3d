package org.latentlens.ui.explore;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.latentlens.core.directions.BundleDirections;
import org.latentlens.core.directions.DirectionKind;
import org.latentlens.core.directions.LatentDirection;
import org.latentlens.core.eval.BundleEvaluation;
import org.latentlens.core.model.GanModel;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.UiExecutor;

/**
 * The "Find directions" button: finds the open model's named latent directions in the background exactly as
 * {@code latent-lens directions} does (judge from the bundle, or trained on the model's own labelled data), shows
 * each stage, can be cancelled, writes them to the bundle's directions.json and gives them to the explorer as
 * sliders without reopening the model (the code on screen stays).
 */
public final class FindDirectionsAction {
  private final ModelSession session;
  private final UiExecutor executor;
  private final BundleDirections directions;
  private final BundleDirections.Options options;
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper possible = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
  private final AtomicBoolean cancel = new AtomicBoolean();

  /**
   * @param directions finds directions ({@code null}: the app was started without a judge trainer; the button
   *     stays disabled)
   * @param options how many samples and interventions ({@link BundleDirections.Options#DEFAULT} in the app, as
   *     on the command line)
   */
  public FindDirectionsAction(ModelSession session, UiExecutor executor, BundleDirections directions,
      BundleDirections.Options options) {
    this.session = session;
    this.executor = executor;
    this.directions = directions;
    this.options = options;
    session.modelProperty().addListener((o, was, now) -> update());
    update();
  }

  private void update() {
    GanModel m = session.modelProperty().get();
    boolean dataKnown = m != null && BundleEvaluation.dataOf(m.manifest()).isPresent();
    possible.set(directions != null && m != null && session.bundleDirProperty().get() != null && dataKnown);
    if (!running.get()) {
      progress.set(m != null && directions != null && !dataKnown
          ? "The manifest does not name labelled data to judge with: find directions with latent-lens directions"
              + " MODEL --data DATA."
          : "");
    }
  }

  /** Starts finding the open model's directions. */
  public void start() {
    GanModel model = session.modelProperty().get();
    Path dir = session.bundleDirProperty().get();
    if (!possible.get() || running.get()) {
      return;
    }
    String data = BundleEvaluation.dataOf(model.manifest()).orElseThrow();
    cancel.set(false);
    running.set(true);
    progress.set("Finding directions of " + model.manifest().name() + " through a judge of " + data + "...");
    executor.run(() -> {
      try (var lease = session.lease(model).orElseThrow(
          () -> new IllegalStateException("another model was opened before the search started"))) {
        return directions.run(lease.model(), dir, data, options,
            line -> executor.onUiThread(() -> progress.set(line)),
            step -> {
              if (step % 50 == 0) {
                executor.onUiThread(() -> progress.set("Training the judge: step " + step + " of "
                    + options.judgeSteps()));
              }
            }, cancel::get);
      }
    }, result -> {
      running.set(false);
      List<LatentDirection> found = result.directions().stream().map(BundleDirections.Found::direction).toList();
      long supervised = found.stream().filter(d -> d.kind() == DirectionKind.SUPERVISED).count();
      boolean shown = session.replaceDirections(model, found);
      progress.set(String.format(Locale.ROOT, "Found %d directions (%d named by the judge, %d principal), written"
          + " to %s%s", found.size(), supervised, found.size() - supervised, result.file().getFileName(),
          shown ? "." : "; another model is open now, so they are not shown."));
    }, e -> {
      running.set(false);
      progress.set(e instanceof CancellationException || e.getCause() instanceof CancellationException
          ? "Search cancelled; directions.json was left as it was." : "Finding directions failed: " + e.getMessage());
    });
  }

  /** Asks a running search to stop at its next stage. */
  public void cancel() {
    cancel.set(true);
  }

  /** Whether a search runs now. */
  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  /** Whether the open model's directions can be found from the app (its manifest names labelled data). */
  public ReadOnlyBooleanProperty possibleProperty() {
    return possible.getReadOnlyProperty();
  }

  /** The current stage, or why a search is not possible, or how it ended. */
  public ReadOnlyStringProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }
}
