package org.latentlens.ui.activations;

import java.awt.image.BufferedImage;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.latentlens.core.model.FeatureMaps;
import org.latentlens.core.model.GanModel;
import org.latentlens.ui.common.LatestWins;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.RenderResult;
import org.latentlens.ui.common.UiExecutor;

/**
 * The generator's feature maps for the face on screen, one row per resolution level. Follows every render while
 * the view is shown (latest request wins, as rendering does) and computes nothing while it is hidden; a model that
 * does not export its feature maps has no such view.
 */
public final class ActivationsViewModel {
    /** Maps shown per resolution level: the strongest ones. */
    static final int CHANNELS_PER_LEVEL = 8;

    private final ModelSession session;
    private final BooleanProperty shown = new SimpleBooleanProperty(false);
    private final BooleanBinding available;
    private final ReadOnlyObjectWrapper<BufferedImage> sheet = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper("");
    private final LatestWins<Request, Result> work;

    private record Request(GanModel model, float[] code) {}

    private record Result(GanModel model, BufferedImage sheet, String caption) {}

    /** Computes on {@code executor} (off the UI thread) for the model {@code session} holds. */
    public ActivationsViewModel(UiExecutor executor, ModelSession session) {
        this.session = session;
        work = new LatestWins<>(
                executor, this::compute, this::apply, e -> caption.set("Feature maps failed: " + e.getMessage()));
        available = Bindings.createBooleanBinding(
                () -> {
                    GanModel open = session.modelProperty().get();
                    return open != null && open.hasActivations();
                },
                session.modelProperty());
        session.modelProperty().addListener((o, was, now) -> {
            sheet.set(null);
            caption.set("");
        });
        session.renderProperty().addListener((o, was, now) -> request(now));
        shown.addListener((o, was, now) -> {
            if (now) {
                request(session.renderProperty().get());
            }
        });
    }

    /** Whether the view is open: only then are feature maps computed. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    /** Whether the open model exports its generator's feature maps. */
    public BooleanExpression availableProperty() {
        return available;
    }

    /** The maps of the current face: a row per level, strongest channels first; null before the first. */
    public ReadOnlyObjectProperty<BufferedImage> sheetProperty() {
        return sheet.getReadOnlyProperty();
    }

    /** What the rows are, e.g. "4x4 (128 maps), 8x8 (128), ...: the 8 strongest of each". */
    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    private void request(RenderResult render) {
        GanModel model = session.modelProperty().get();
        if (!shown.get() || !available.get() || render == null || model == null) {
            return;
        }
        work.submit(new Request(model, render.code().clone()));
    }

    private Result compute(Request r) {
        var lease = session.lease(r.model());
        if (lease.isEmpty()) {
            return new Result(r.model(), null, ""); // another model was opened meanwhile
        }
        try (var held = lease.get()) {
            List<FeatureMaps> levels = held.model().activations(r.code());
            StringBuilder text = new StringBuilder();
            for (FeatureMaps level : levels) {
                text.append(text.length() == 0 ? "" : ", ")
                        .append(level.size())
                        .append('x')
                        .append(level.size())
                        .append(" (")
                        .append(level.channels())
                        .append(')');
            }
            text.append(": the ").append(CHANNELS_PER_LEVEL).append(" strongest maps of each level, top to bottom");
            return new Result(r.model(), ActivationSheet.render(levels, CHANNELS_PER_LEVEL), text.toString());
        }
    }

    private void apply(Result r) {
        if (r.sheet() != null && r.model() == session.modelProperty().get()) {
            sheet.set(r.sheet());
            caption.set(r.caption());
        }
    }
}
