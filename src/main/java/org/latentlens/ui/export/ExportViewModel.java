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
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.UiExecutor;

/** Exports traversal strips (PNG grid, GIF, JSON codes) in the background. */
public final class ExportViewModel {
    private final UiExecutor executor;
    private final ModelSession session;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

    /** Exports what {@code session} shows. */
    public ExportViewModel(UiExecutor executor, ModelSession session) {
        this.executor = executor;
        this.session = session;
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
        exportStrip(base, dimension, steps, randomCodes, false, done);
    }

    /**
     * As above; {@code labelled}: the PNG grid names each row's dimension and heads each column with its slider
     * value.
     */
    public void exportStrip(
            Path base, int dimension, int steps, int randomCodes, boolean labelled, Consumer<List<Path>> done) {
        GanModel model = session.modelProperty().get();
        if (model == null) {
            status.set("Open a model first.");
            return;
        }
        LatentLayout layout = model.manifest().latent();
        int[] dims = dimension < 0 ? layout.semanticIndices() : new int[] {dimension};
        List<float[]> bases = new ArrayList<>();
        if (randomCodes <= 0) {
            bases.add(session.code());
        } else {
            Random r = new Random();
            for (int i = 0; i < randomCodes; i++) {
                bases.add(LatentSampler.sample(layout, r));
            }
        }
        export(model, m -> TraversalStrip.render(m, dims, bases, steps).write(base, layout, labelled), done);
    }

    /** Writes a one-row strip from code {@code a} to code {@code b} (two encoded images). */
    public void exportInterpolation(Path base, float[] a, float[] b, int steps, Consumer<List<Path>> done) {
        exportInterpolation(base, a, b, steps, false, done);
    }

    /** As above; {@code labelled}: the PNG grid heads each column with its mix, 0 to 1. */
    public void exportInterpolation(
            Path base, float[] a, float[] b, int steps, boolean labelled, Consumer<List<Path>> done) {
        GanModel model = session.modelProperty().get();
        if (model == null) {
            status.set("Open a model first.");
            return;
        }
        export(
                model,
                m -> TraversalStrip.interpolation(m, a, b, steps)
                        .write(base, m.manifest().latent(), labelled),
                done);
    }

    /** Runs an export in the background with the busy flag and status every export shows. */
    private void export(GanModel model, Export export, Consumer<List<Path>> done) {
        busy.set(true);
        status.set("Exporting...");
        executor.run(
                () -> leased(model, export),
                files -> {
                    busy.set(false);
                    status.set("Wrote " + files.get(0).getFileName() + ", .gif and .json to "
                            + files.get(0).getParent());
                    done.accept(files);
                },
                e -> {
                    busy.set(false);
                    status.set("Export failed: " + e.getMessage());
                });
    }

    private interface Export {
        List<Path> run(GanModel model) throws Exception;
    }

    /** Runs an export holding a lease, so that opening another model meanwhile does not close this one under it. */
    private List<Path> leased(GanModel model, Export export) throws Exception {
        try (var lease = session.lease(model)
                .orElseThrow(() -> new IllegalStateException("another model was opened before the export started"))) {
            return export.run(lease.model());
        }
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
