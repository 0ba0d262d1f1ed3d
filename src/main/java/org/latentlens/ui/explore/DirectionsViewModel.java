package org.latentlens.ui.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.latentlens.core.directions.LatentDirection;
import org.latentlens.core.directions.LatentVectors;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.ui.common.ModelSession;

/**
 * Sliders for the open bundle's discovered directions ({@code directions.json}), working on the explorer's code
 * through {@link ModelSession}.
 *
 * <p>Each slider shows where the current code lies along its direction. Moving it moves the code from where it was
 * when the slider was grabbed: {@code code = grabbed + (value - grabbedValue) · step}, clamped to the latent
 * sliders' ranges, so dragging back returns exactly to the grabbed code. The step is the direction itself, or with
 * {@link #orthogonalizeProperty()} on, InterFaceGAN's conditional manipulation: the direction with its components
 * along locked latent dimensions and locked directions removed, scaled so that the slider still reads the position
 * along the direction.
 */
public final class DirectionsViewModel {
    private final ModelSession session;
    private final ObservableList<DirectionSlider> sliders = FXCollections.observableArrayList();
    private final BooleanProperty orthogonalize = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private Grab grab;
    private DirectionSlider held;
    private float[] lastSet;
    private boolean syncing;

    /**
     * The code and step a slider moves from; valid while the code is still the one this view model set last and the
     * locks are as they were.
     */
    private record Grab(
            DirectionSlider slider,
            float[] code,
            double value,
            double[] step,
            boolean[] lockedDims,
            boolean orthogonal) {}

    /** Sliders for the directions of whatever model {@code session} holds. */
    public DirectionsViewModel(ModelSession session) {
        this.session = session;
        session.modelProperty().addListener((obs, was, now) -> rebuild(now));
        session.directionsReplacedProperty()
                .addListener((obs, was, now) -> rebuild(session.modelProperty().get()));
        // Another edit (Random, Undo, an encode, a latent slider) moved the code: show where it lies now.
        session.renderProperty().addListener((obs, was, now) -> sync());
        orthogonalize.addListener((obs, was, now) -> grab = null);
        rebuild(session.modelProperty().get());
    }

    /** One slider per direction, in file order. */
    public ObservableList<DirectionSlider> sliders() {
        return sliders;
    }

    /** Whether moving a direction keeps locked latent dimensions and locked directions where they are. */
    public BooleanProperty orthogonalizeProperty() {
        return orthogonalize;
    }

    /** Why the last move did nothing; empty when it moved. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The user has taken hold of {@code slider} (mouse press): the drag moves from the code shown now. */
    public void grab(DirectionSlider slider) {
        held = slider;
        startGrab(slider, slider.valueProperty().get());
    }

    /** The user has let go: the slider goes back to showing where the code lies along it. */
    public void release() {
        held = null;
        sync();
    }

    private void rebuild(GanModel model) {
        grab = null;
        held = null;
        lastSet = null;
        message.set("");
        sliders.clear();
        if (model == null) {
            return;
        }
        float[] code = currentCode(model.manifest().latent());
        for (LatentDirection d : session.directions()) {
            if (d.size() == code.length) {
                DirectionSlider slider = new DirectionSlider(d, d.positionOf(code));
                slider.valueProperty()
                        .addListener((obs, was, now) -> moved(slider, was.doubleValue(), now.doubleValue()));
                slider.lockedProperty().addListener((obs, was, now) -> grab = null);
                sliders.add(slider);
            }
        }
    }

    private void moved(DirectionSlider slider, double from, double to) {
        if (syncing) {
            return;
        }
        GanModel model = session.modelProperty().get();
        if (model == null) {
            return;
        }
        LatentLayout layout = model.manifest().latent();
        // A key press moves a slider without a grab; so does a drag after another edit changed the code.
        if (grab == null
                || grab.slider() != slider
                || !Arrays.equals(session.code(), lastSet)
                || !Arrays.equals(lockedDimensions(layout.size()), grab.lockedDims())) {
            startGrab(slider, from);
        }
        if (grab.step() == null) {
            return;
        }
        double delta = to - grab.value();
        float[] z = new float[layout.size()];
        for (int i = 0; i < z.length; i++) {
            z[i] = layout.get(i).clamp((float) (grab.code()[i] + delta * grab.step()[i]));
        }
        lastSet = z;
        session.setCode(z);
    }

    private void startGrab(DirectionSlider slider, double value) {
        GanModel model = session.modelProperty().get();
        if (model == null) {
            return;
        }
        LatentLayout layout = model.manifest().latent();
        session.beginEdit();
        float[] code = currentCode(layout);
        boolean[] lockedDims = lockedDimensions(layout.size());
        double[] step = step(slider, lockedDims).orElse(null);
        message.set(
                step != null
                        ? ""
                        : "'" + slider.title() + "' lies (almost) within the locked attributes and"
                                + " directions, so it cannot move without moving them; unlock one or turn orthogonalising off.");
        grab = new Grab(slider, code, value, step, lockedDims, orthogonalize.get());
        lastSet = code;
    }

    private Optional<double[]> step(DirectionSlider slider, boolean[] lockedDims) {
        double[] direction = slider.direction().unitVector();
        if (!orthogonalize.get()) {
            return Optional.of(direction);
        }
        List<double[]> locked = new ArrayList<>();
        for (int i = 0; i < lockedDims.length; i++) {
            if (lockedDims[i]) {
                locked.add(LatentVectors.axis(lockedDims.length, i));
            }
        }
        for (DirectionSlider other : sliders) {
            if (other != slider && other.lockedProperty().get()) {
                locked.add(other.direction().unitVector());
            }
        }
        return LatentVectors.conditionalStep(direction, locked);
    }

    private boolean[] lockedDimensions(int size) {
        boolean[] locked = new boolean[size];
        for (int i = 0; i < size; i++) {
            locked[i] = session.isLocked(i);
        }
        return locked;
    }

    /** Every slider not in the user's hand shows where the current code lies along it. */
    private void sync() {
        GanModel model = session.modelProperty().get();
        if (model == null || sliders.isEmpty()) {
            return;
        }
        float[] code = currentCode(model.manifest().latent());
        syncing = true;
        try {
            for (DirectionSlider s : sliders) {
                if (s != held) {
                    s.valueProperty().set(s.clamp(s.direction().positionOf(code)));
                }
            }
        } finally {
            syncing = false;
        }
    }

    /** The session's code, or the defaults while no editor has the model's code yet. */
    private float[] currentCode(LatentLayout layout) {
        float[] code = session.code();
        return code.length == layout.size() ? code : layout.defaults();
    }
}
