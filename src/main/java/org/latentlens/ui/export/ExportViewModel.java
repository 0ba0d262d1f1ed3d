package org.latentlens.ui.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.latentlens.core.export.TraversalStrip;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.LatentSampler;
import org.latentlens.ui.common.UiExecutor;
import org.latentlens.ui.explore.ExploreViewModel;

/** Exports traversal strips (PNG grid, GIF, JSON codes) in the background. */
public final class ExportViewModel {
  private final UiExecutor executor;
  private final ExploreViewModel explore;
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

  /** Exports what {@code explore} shows. */
  public ExportViewModel(UiExecutor executor, ExploreViewModel explore) {
    this.executor = executor;
    this.explore = explore;
  }

  /**
   * Renders and writes a strip.
   *
   * @param base output name; {@code .png}, {@code .gif} and {@code .json} are written beside it
   * @param dimension layout index to sweep, or -1 for every semantic dimension (one row each)
   * @param steps images across the range
   * @param randomCodes 0 for the current code, else that many random codes
   * @param done receives the written files on the UI thread
   */
  public void exportStrip(Path base, int dimension, int steps, int randomCodes, Consumer<List<Path>> done) {
    GanModel model = explore.modelProperty().get();
    if (model == null) {
      status.set("Open a model first.");
      return;
    }
    LatentLayout layout = model.manifest().latent();
    int[] dims = dimension < 0 ? layout.semanticIndices() : new int[] {dimension};
    List<float[]> bases = new ArrayList<>();
    if (randomCodes <= 0) {
      bases.add(explore.code());
    } else {
      Random r = new Random();
      for (int i = 0; i < randomCodes; i++) {
        bases.add(LatentSampler.sample(layout, r));
      }
    }
    busy.set(true);
    status.set("Exporting...");
    executor.run(() -> TraversalStrip.render(model, dims, bases, steps).write(base, layout), files -> {
      busy.set(false);
      status.set("Wrote " + files.get(0).getFileName() + ", .gif and .json to " + files.get(0).getParent());
      done.accept(files);
    }, e -> {
      busy.set(false);
      status.set("Export failed: " + e.getMessage());
    });
  }

  /** Writes a one-row strip from code {@code a} to code {@code b} (two encoded images). */
  public void exportInterpolation(Path base, float[] a, float[] b, int steps, Consumer<List<Path>> done) {
    GanModel model = explore.modelProperty().get();
    if (model == null) {
      status.set("Open a model first.");
      return;
    }
    busy.set(true);
    status.set("Exporting...");
    executor.run(() -> TraversalStrip.interpolation(model, a, b, steps).write(base, model.manifest().latent()),
        files -> {
          busy.set(false);
          status.set("Wrote " + files.get(0).getFileName() + ", .gif and .json to " + files.get(0).getParent());
          done.accept(files);
        }, e -> {
          busy.set(false);
          status.set("Export failed: " + e.getMessage());
        });
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }
}
