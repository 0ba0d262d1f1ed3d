package org.latentlens.ui.common;

import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.latentlens.core.directions.LatentDirection;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ModelRole;

/**
 * The one owner of the open model, and what every feature view model depends on instead of each other.
 *
 * <p>It says what the model can do ({@link #canEncodeProperty()}, ...), carries the newest render and the current
 * code between features, and closes a replaced model once the background work still using it has finished:
 * work takes a {@link Lease} for the model it computes with, and the model is closed when it has been replaced
 * and its last lease is released.
 *
 * <p>Properties are changed on the UI thread only; {@link #lease} may be called from any thread.
 */
public final class ModelSession implements AutoCloseable {
    private final ReadOnlyObjectWrapper<GanModel> model = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> bundleDir = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper canEncode = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canDiscriminate = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canShowSaliency = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<RenderResult> render = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty saliencyVisible = new SimpleBooleanProperty(false);
    private final BooleanProperty inspectVisible = new SimpleBooleanProperty(true);
    private final Object lock = new Object();
    private final InteractiveActivity activity;
    private GanModel current;
    private int currentLeases;
    private final Map<GanModel, Integer> retired = new IdentityHashMap<>();
    private CodeEditor editor = CodeEditor.NONE;
    private List<LatentDirection> directions = List.of();
    /** Counts replacements of the open model's directions after it was opened ({@link #replaceDirections}). */
    private final ReadOnlyIntegerWrapper directionsFound = new ReadOnlyIntegerWrapper(0);

    /** A session with an activity of its own (the app's one session). */
    public ModelSession() {
        this(new InteractiveActivity());
    }

    /** A session whose renders mark {@code activity} (benchmarks share one across the sessions they make). */
    public ModelSession(InteractiveActivity activity) {
        this.activity = activity;
    }

    /** Whoever edits the current code (the explorer); other features move the sliders through it. */
    public interface CodeEditor {
        /** Does nothing: before the explorer registers. */
        CodeEditor NONE = new CodeEditor() {
            @Override
            public float[] code() {
                return new float[0];
            }

            @Override
            public void setCode(float[] code) {}

            @Override
            public void applyEncoded(float[] code) {}
        };

        /** The code the sliders spell now. */
        float[] code();

        /** Sets every slider at once. */
        void setCode(float[] code);

        /** Moves the sliders to an encoded code as one undoable edit, keeping locked dimensions. */
        void applyEncoded(float[] code);

        /** Marks the start of an edit made through {@link #setCode} (a drag), so that it is one undo step. */
        default void beginEdit() {}

        /** Whether the user has locked latent dimension {@code index} (its value is to be kept). */
        default boolean isLocked(int index) {
            return false;
        }
    }

    /** Permission to compute with one model; closing it may close a replaced model. */
    public final class Lease implements AutoCloseable {
        private final GanModel leased;
        private boolean released;

        private Lease(GanModel leased) {
            this.leased = leased;
        }

        /** The model to compute with. */
        public GanModel model() {
            return leased;
        }

        @Override
        public void close() {
            GanModel toClose = null;
            synchronized (lock) {
                if (released) {
                    return;
                }
                released = true;
                if (leased == current) {
                    currentLeases--;
                } else {
                    int left = retired.merge(leased, -1, Integer::sum);
                    if (left <= 0) {
                        retired.remove(leased);
                        toClose = leased;
                    }
                }
            }
            if (toClose != null) {
                toClose.close();
            }
        }
    }

    /**
     * Makes {@code newModel} current (or none). The replaced model is closed now if nothing computes with it,
     * else when its last lease is released.
     */
    public void open(GanModel newModel) {
        open(newModel, null, List.of());
    }

    /**
     * As {@link #open(GanModel)}, remembering the folder the model was opened from (for Evaluate; {@code null} when
     * unknown) and the latent directions found for the model (its bundle's {@code directions.json}; each as long as
     * its latent code).
     */
    public void open(GanModel newModel, Path dir, List<LatentDirection> newDirections) {
        GanModel toClose = null;
        synchronized (lock) {
            if (current != null && current != newModel) {
                if (currentLeases == 0) {
                    toClose = current;
                } else {
                    retired.put(current, currentLeases);
                }
            }
            current = newModel;
            currentLeases = 0;
        }
        render.set(null);
        canEncode.set(newModel != null && newModel.supports(ModelRole.ENCODE));
        canDiscriminate.set(newModel != null && newModel.supports(ModelRole.DISCRIMINATE));
        canShowSaliency.set(newModel != null && newModel.hasSaliency());
        bundleDir.set(newModel == null ? null : dir);
        // Set before the model, so that whoever follows the model finds the directions that go with it.
        directions = newModel == null ? List.of() : List.copyOf(newDirections);
        model.set(newModel);
        if (toClose != null) {
            toClose.close();
        }
    }

    /**
     * A lease on {@code wanted} if it is still the current model, for background work that was asked for while it
     * was; empty when it has been replaced in the meantime (the work is stale and should be dropped).
     */
    public Optional<Lease> lease(GanModel wanted) {
        synchronized (lock) {
            if (wanted == null || wanted != current) {
                return Optional.empty();
            }
            currentLeases++;
            return Optional.of(new Lease(wanted));
        }
    }

    /** The open model, or {@code null}. */
    public ReadOnlyObjectProperty<GanModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** The folder the open model came from, or {@code null} when unknown. */
    public ReadOnlyObjectProperty<Path> bundleDirProperty() {
        return bundleDir.getReadOnlyProperty();
    }

    /** The open model's discovered latent directions; empty when it has none (or no model is open). */
    public List<LatentDirection> directions() {
        return directions;
    }

    /**
     * Replaces the directions of {@code forModel} with ones just found for it (the code and sliders stay as they
     * are); does nothing when another model has been opened since the search began.
     *
     * @return whether {@code forModel} was still the open model
     */
    public boolean replaceDirections(GanModel forModel, List<LatentDirection> found) {
        if (forModel == null || forModel != model.get()) {
            return false;
        }
        directions = List.copyOf(found);
        directionsFound.set(directionsFound.get() + 1);
        return true;
    }

    /**
     * Changes each time {@link #replaceDirections} gives the open model new directions; opening a model changes
     * {@link #modelProperty()} instead.
     */
    public ReadOnlyIntegerProperty directionsReplacedProperty() {
        return directionsFound.getReadOnlyProperty();
    }

    /** Whether images can be encoded (the model has an encoder). */
    public ReadOnlyBooleanProperty canEncodeProperty() {
        return canEncode.getReadOnlyProperty();
    }

    /** Whether realism and attribute readouts exist (the model has a discriminator). */
    public ReadOnlyBooleanProperty canDiscriminateProperty() {
        return canDiscriminate.getReadOnlyProperty();
    }

    /** Whether a saliency overlay can be shown (own signature, or computed from the discriminator). */
    public ReadOnlyBooleanProperty canShowSaliencyProperty() {
        return canShowSaliency.getReadOnlyProperty();
    }

    /** Whether the user has the saliency overlay on; renders compute saliency only then. Off at start. */
    public BooleanProperty saliencyVisibleProperty() {
        return saliencyVisible;
    }

    /** Whether the Inspect panel is showing; renders ask the discriminator only then. */
    public BooleanProperty inspectVisibleProperty() {
        return inspectVisible;
    }

    /** When the user last asked for a render; a training run in the app waits for quiet between its steps. */
    public InteractiveActivity activity() {
        return activity;
    }

    /** The newest finished render of the current code. */
    public ReadOnlyObjectProperty<RenderResult> renderProperty() {
        return render.getReadOnlyProperty();
    }

    /** Publishes a finished render (the explorer does, on the UI thread). */
    public void publish(RenderResult result) {
        render.set(result);
    }

    /** Registers who edits the code (the explorer). */
    public void setCodeEditor(CodeEditor codeEditor) {
        editor = codeEditor == null ? CodeEditor.NONE : codeEditor;
    }

    /** The code shown now. */
    public float[] code() {
        return editor.code();
    }

    /** Sets the code shown (interpolation, bookmarks). */
    public void setCode(float[] code) {
        editor.setCode(code);
    }

    /** Moves the sliders to an encoded code. */
    public void applyEncoded(float[] code) {
        editor.applyEncoded(code);
    }

    /** Starts an edit made of several {@link #setCode} calls (a drag), so that undo takes it back at once. */
    public void beginEdit() {
        editor.beginEdit();
    }

    /** Whether the user has locked latent dimension {@code index}. */
    public boolean isLocked(int index) {
        return editor.isLocked(index);
    }

    /** Whether any model, current or replaced, is still open (for tests and shutdown). */
    public boolean holdsModels() {
        synchronized (lock) {
            return current != null || !retired.isEmpty();
        }
    }

    /**
     * Closes every model nothing computes with now; one still leased is closed when its last lease is released. The
     * app is ending, but a render or encode may still be running: freeing its model under it crashed the process
     * inside TensorFlow (seen when a test closed the window mid-render).
     */
    @Override
    public void close() {
        GanModel toClose = null;
        synchronized (lock) {
            if (current != null) {
                if (currentLeases == 0) {
                    toClose = current;
                } else {
                    retired.put(current, currentLeases);
                }
            }
            current = null;
            currentLeases = 0;
        }
        model.set(null);
        if (toClose != null) {
            toClose.close();
        }
    }
}
