package org.latentlens.ui.explore;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Random;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.latentlens.core.image.ImageConversion;
import org.latentlens.core.model.Discrimination;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.Frame;
import org.latentlens.core.model.FrameParts;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.LatentSampler;
import org.latentlens.core.model.MetricKeys;
import org.latentlens.core.model.ModelRole;
import org.latentlens.ui.common.FirstFaceTimer;
import org.latentlens.ui.common.LatestWins;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.RenderResult;
import org.latentlens.ui.common.UiExecutor;

/**
 * The explorer's state: one {@link DimensionState} per latent dimension and the latest render of the code
 * they spell. Every slider change asks for a render; renders run off the UI thread and the newest request
 * wins, so dragging never queues stale positions.
 */
public final class ExploreViewModel implements ModelSession.CodeEditor {
    private final ModelSession session;
    private final ReadOnlyObjectWrapper<GanModel> model = new ReadOnlyObjectWrapper<>();
    private final ObservableList<DimensionState> dimensions = FXCollections.observableArrayList();
    private final ObservableList<CategoricalState> categoricals = FXCollections.observableArrayList();
    private boolean syncingCategoricals;
    private final ReadOnlyObjectWrapper<RenderResult> render = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyDoubleWrapper latencyMillis = new ReadOnlyDoubleWrapper(Double.NaN);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<Bookmark> bookmarks = FXCollections.observableArrayList();
    private final Deque<float[]> undo = new ArrayDeque<>();
    private final Deque<float[]> redo = new ArrayDeque<>();
    private final LatestWins<RenderRequest, RenderResult> renderer;
    private final Random random = new Random();
    private boolean bulk;
    /** The code before an edit that may be starting (a slider press, a key); null when none is pending. */
    private float[] editStart;

    /** A named latent code. */
    public record Bookmark(String name, float[] code) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * What one frame needs.
     *
     * @param readEncoder whether to run the encoder for the sliders' readouts
     * @param readDiscriminator whether the Inspect panel wants realism and attribute readouts
     * @param saliency whether the saliency overlay is on
     */
    private record RenderRequest(
            GanModel model,
            float[] code,
            long requestedNanos,
            boolean readEncoder,
            boolean readDiscriminator,
            boolean saliency) {}

    /** A view model that renders with {@code executor} the model {@code session} holds, and edits its code. */
    public ExploreViewModel(UiExecutor executor, ModelSession session) {
        this.session = session;
        this.renderer = new LatestWins<>(
                executor, this::compute, this::applyRender, e -> error.set("Rendering failed: " + e.getMessage()));
        session.setCodeEditor(this);
        session.modelProperty().addListener((obs, was, now) -> setModel(now));
        // A frame computes only what is on screen: the overlay and the Inspect panel ask for a fresh one.
        session.saliencyVisibleProperty().addListener((obs, was, now) -> requestRender());
        session.inspectVisibleProperty().addListener((obs, was, now) -> requestRender());
    }

    /** Shows {@code newModel} with every slider at its default (follows the session's model). */
    private void setModel(GanModel newModel) {
        editStart = null;
        undo.clear();
        redo.clear();
        bookmarks.clear();
        updateHistoryFlags();
        render.set(null);
        model.set(newModel);
        categoricals.clear();
        dimensions.clear();
        if (newModel == null) {
            return;
        }
        for (var d : newModel.manifest().latent().dimensions()) {
            var metrics = newModel.manifest().metrics();
            DimensionState state = new DimensionState(
                    d,
                    metrics.getOrDefault(MetricKeys.steerability(d.name()), Double.NaN),
                    metrics.getOrDefault(MetricKeys.leakage(d.name()), Double.NaN),
                    newModel.manifest().explained().get(d.name()));
            state.valueProperty().addListener((obs, was, now) -> {
                if (!bulk) {
                    recordPendingEdit();
                    requestRender();
                }
            });
            dimensions.add(state);
        }
        LatentLayout layout = newModel.manifest().latent();
        for (var factor : layout.categoricals()) {
            CategoricalState c = new CategoricalState(factor, layout.indicesOf(factor));
            c.selectedProperty().set(CategoricalState.spelledBy(code(), c.indices()));
            c.selectedProperty().addListener((obs, was, now) -> {
                if (!syncingCategoricals && now.intValue() >= 0) {
                    choose(c, now.intValue());
                }
            });
            categoricals.add(c);
        }
        requestRender();
    }

    /** The one-of-N controls, one per categorical factor of the model. */
    public ObservableList<CategoricalState> categoricals() {
        return categoricals;
    }

    /** Sets {@code factor} to its value {@code choice}: that dimension present, the others absent (one undo step). */
    public void choose(CategoricalState factor, int choice) {
        float[] z = code();
        int[] idx = factor.indices();
        for (int k = 0; k < idx.length; k++) {
            z[idx[k]] = dimensions.get(idx[k]).dimension().clamp(k == choice ? 1f : -1f);
        }
        edit(z);
    }

    public ReadOnlyObjectProperty<GanModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** The sliders, in latent-layout order. */
    public ObservableList<DimensionState> dimensions() {
        return dimensions;
    }

    /** The newest finished render. */
    public ReadOnlyObjectProperty<RenderResult> renderProperty() {
        return render.getReadOnlyProperty();
    }

    /** Time from the edit to its image being applied, in milliseconds. */
    public ReadOnlyDoubleProperty latencyMillisProperty() {
        return latencyMillis.getReadOnlyProperty();
    }

    /** The last failure, for the status bar; empty when fine. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    public ObservableList<Bookmark> bookmarks() {
        return bookmarks;
    }

    /** The code the sliders spell now. */
    @Override
    public float[] code() {
        float[] z = new float[dimensions.size()];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) dimensions.get(i).valueProperty().get();
        }
        return z;
    }

    /**
     * Call when an edit may start (a slider press, a key press): if a value then changes, the code as it is now
     * becomes one undo step. Nothing is recorded for a press that changes nothing (Ctrl before Ctrl+Z, a click).
     */
    @Override
    public void beginEdit() {
        editStart = code();
    }

    /** The first value change after {@link #beginEdit()} records the code from before it. */
    private void recordPendingEdit() {
        if (editStart != null) {
            float[] before = editStart;
            editStart = null;
            record(before);
        }
    }

    /** Makes {@code before} one undo step if the code has moved away from it. */
    private void record(float[] before) {
        if (Arrays.equals(before, code())) {
            return;
        }
        if (undo.isEmpty() || !Arrays.equals(undo.peek(), before)) {
            undo.push(before);
        }
        redo.clear();
        updateHistoryFlags();
    }

    /** Sets the whole code as one undoable edit. */
    private void edit(float[] z) {
        editStart = null;
        float[] before = code();
        setCode(z);
        record(before);
    }

    @Override
    public boolean isLocked(int index) {
        return index >= 0
                && index < dimensions.size()
                && dimensions.get(index).lockedProperty().get();
    }

    /** New random values for every unlocked dimension, drawn from the model's prior. */
    public void randomize() {
        GanModel m = model.get();
        if (m == null) {
            return;
        }
        float[] z = code();
        float[] sample = LatentSampler.sample(m.manifest().latent(), random);
        for (int i = 0; i < z.length; i++) {
            if (!dimensions.get(i).lockedProperty().get()) {
                z[i] = dimensions.get(i).dimension().clamp(sample[i]);
            }
        }
        edit(z);
    }

    /** Every dimension back to its default (locks are ignored: reset means reset). */
    public void reset() {
        if (model.get() == null) {
            return;
        }
        edit(model.get().manifest().latent().defaults());
    }

    /** Moves the sliders to an encoded code; locked dimensions keep their values. */
    @Override
    public void applyEncoded(float[] encoded) {
        float[] z = code();
        for (int i = 0; i < z.length && i < encoded.length; i++) {
            if (!dimensions.get(i).lockedProperty().get()) {
                z[i] = dimensions.get(i).dimension().clamp(encoded[i]);
            }
        }
        edit(z);
    }

    public void undo() {
        editStart = null;
        if (undo.isEmpty()) {
            return;
        }
        redo.push(code());
        setCode(undo.pop());
        updateHistoryFlags();
    }

    public void redo() {
        editStart = null;
        if (redo.isEmpty()) {
            return;
        }
        undo.push(code());
        setCode(redo.pop());
        updateHistoryFlags();
    }

    /** Saves the current code under {@code name}. */
    public void bookmark(String name) {
        String label = name == null || name.isBlank() ? "Bookmark " + (bookmarks.size() + 1) : name.trim();
        bookmarks.add(new Bookmark(label, code()));
    }

    /** Moves the sliders to a bookmark. */
    public void restore(Bookmark bookmark) {
        edit(bookmark.code());
    }

    /**
     * Sets every slider at once and renders once. After {@link #beginEdit()} (a drag along a discovered
     * direction) the first change records the code from before it as one undo step.
     */
    @Override
    public void setCode(float[] z) {
        bulk = true;
        try {
            for (int i = 0; i < z.length && i < dimensions.size(); i++) {
                dimensions.get(i).valueProperty().set(z[i]);
            }
        } finally {
            bulk = false;
        }
        recordPendingEdit();
        requestRender();
    }

    /** Shows, in each factor's control, the value the code now spells (after random, undo, encoding). */
    private void syncCategoricals() {
        syncingCategoricals = true;
        try {
            float[] z = code();
            for (CategoricalState c : categoricals) {
                c.selectedProperty().set(CategoricalState.spelledBy(z, c.indices()));
            }
        } finally {
            syncingCategoricals = false;
        }
    }

    private void updateHistoryFlags() {
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
    }

    private void requestRender() {
        syncCategoricals();
        GanModel m = model.get();
        if (m != null) {
            session.activity().touch();
            renderer.submit(new RenderRequest(
                    m,
                    code(),
                    System.nanoTime(),
                    m.supports(ModelRole.ENCODE),
                    m.supports(ModelRole.DISCRIMINATE)
                            && session.inspectVisibleProperty().get(),
                    m.hasSaliency() && session.saliencyVisibleProperty().get()));
        }
    }

    /** Runs off the UI thread, holding a lease so the model cannot be closed under it; null when it is stale. */
    private RenderResult compute(RenderRequest r) {
        var lease = session.lease(r.model());
        if (lease.isEmpty()) {
            return null;
        }
        session.activity().renderStarted();
        try (var held = lease.get()) {
            long t0 = System.nanoTime();
            GanModel m = held.model();
            // One engine call where the bundle has a combined frame signature: fewer session round trips per frame.
            Frame frame = m.frame(
                    FloatMatrix.ofRow(r.code()), new FrameParts(r.readEncoder(), r.readDiscriminator(), r.saliency()));
            ImageBatch images = frame.images();
            FirstFaceTimer.mark("first frame computed");
            // One code in, one image out: its pixels are the batch's own array (no copy per frame).
            float[] pixels = images.count() == 1 ? images.data() : images.image(0);
            float[] enc =
                    r.readEncoder() ? sigmoid(frame.encoderAttributeLogits().row(0)) : null;
            Discrimination d = frame.discrimination();
            float[] saliency = r.saliency() ? frame.saliency().map(0) : null;
            return new RenderResult(
                    r.code(),
                    ImageConversion.toImage(pixels, m.manifest().image()),
                    pixels,
                    enc,
                    d == null ? null : sigmoid(d.attributeLogits().row(0)),
                    d == null ? Float.NaN : d.realism()[0],
                    saliency,
                    r.requestedNanos(),
                    (System.nanoTime() - t0) / 1e6);
        } finally {
            session.activity().renderFinished();
        }
    }

    private void applyRender(RenderResult result) {
        GanModel m = model.get();
        if (m == null || result == null) {
            return;
        }
        LatentLayout layout = m.manifest().latent();
        for (int i = 0; i < dimensions.size(); i++) {
            int attribute = m.manifest().attributes().indexOf(layout.get(i).name());
            dimensions
                    .get(i)
                    .setReadout(
                            layout.get(i).isSemantic() && attribute >= 0 && result.encoderProbabilities() != null
                                    ? result.encoderProbabilities()[attribute]
                                    : Double.NaN);
        }
        render.set(result);
        session.publish(result);
        latencyMillis.set((System.nanoTime() - result.requestedNanos()) / 1e6);
        error.set("");
    }

    static float[] sigmoid(float[] logits) {
        float[] p = new float[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (1 / (1 + Math.exp(-logits[i])));
        }
        return p;
    }
}
