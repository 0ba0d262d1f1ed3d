package org.latentlens.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.prefs.Preferences;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.latentlens.core.data.ImageFiles;
import org.latentlens.core.directions.DirectionsJson;
import org.latentlens.core.directions.LatentDirection;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.LatentSampler;
import org.latentlens.core.model.LoadOptions;
import org.latentlens.core.model.ManifestJson;
import org.latentlens.core.model.ModelBundleException;
import org.latentlens.core.model.ModelLoader;
import org.latentlens.core.model.ModelRole;
import org.latentlens.core.model.UntrustedModelException;
import org.latentlens.ui.common.FirstFaceTimer;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.UiExecutor;
import org.latentlens.ui.encode.EncodeViewModel;
import org.latentlens.ui.inspect.InspectViewModel;

/** Opening models (menu, recent list, drop) and routing dropped files; owns the loaded models. */
public final class MainViewModel {
    private static final int RECENT = 8;
    private final ModelLoader loader;
    private final UiExecutor executor;
    private final ModelSession session;
    private final EncodeViewModel encode;
    private final InspectViewModel inspect;
    private static final String FIND_FACES = "encode.findFaces";
    private final Preferences prefs;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(
            "No model yet. Open a model folder (Ctrl+O)," + " drop one here, or train one in the Train tab.");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<RefusedModel> refused = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Latent Lens");
    private final ObservableList<Path> recent = FXCollections.observableArrayList();

    /**
     * @param prefs where the recent-models list and the "find faces in photos" choice are kept ({@code null}: not
     *     persisted)
     */
    public MainViewModel(
            ModelLoader loader,
            UiExecutor executor,
            ModelSession session,
            EncodeViewModel encode,
            InspectViewModel inspect,
            Preferences prefs) {
        this.loader = loader;
        this.executor = executor;
        this.session = session;
        this.encode = encode;
        this.inspect = inspect;
        this.prefs = prefs;
        if (prefs != null) {
            // The user's choice to find faces in photos (or to encode them whole) holds from launch to launch.
            encode.findFacesProperty().set(prefs.getBoolean(FIND_FACES, true));
            encode.findFacesProperty().addListener((o, was, now) -> prefs.putBoolean(FIND_FACES, now));
            for (String p : prefs.get("recent", "").split("\n")) {
                if (!p.isBlank() && Files.isDirectory(Path.of(p))) {
                    recent.add(Path.of(p));
                }
            }
        }
    }

    /**
     * A loaded model with what was read beside it.
     *
     * @param directionsProblem why the bundle's directions.json was ignored; empty when fine or absent
     */
    private record Opened(GanModel model, float floor, List<LatentDirection> directions, String directionsProblem) {}

    /**
     * A model refused because its graph does more than compute; the view asks whether to open it anyway.
     *
     * @param dir the bundle folder
     * @param message what the graph does, for the user
     */
    public record RefusedModel(Path dir, String message) {}

    /** Loads a bundle in the background and shows it; a graph that does more than compute is refused. */
    public void openModel(Path dir) {
        open(dir, LoadOptions.UNTRUSTED);
    }

    /** Loads a bundle whatever its graph does: the user trusts its source ("Open anyway"). */
    public void openTrusted(Path dir) {
        open(dir, LoadOptions.TRUSTED);
    }

    private void open(Path dir, LoadOptions options) {
        status.set("Loading model " + (dir.getFileName() == null ? dir : dir.getFileName()) + "…");
        refused.set(null);
        loading.set(true);
        executor.run(
                () -> {
                    FirstFaceTimer.mark("loading the model");
                    GanModel m = loader.load(dir, options);
                    FirstFaceTimer.mark("model loaded and checked");
                    List<LatentDirection> directions = List.of();
                    String problem = "";
                    try {
                        directions =
                                DirectionsJson.read(dir, m.manifest().latent().size());
                    } catch (ModelBundleException e) {
                        // The model itself is fine: open it without the extra sliders and say why they are missing.
                        problem = e.getMessage();
                    }
                    return new Opened(m, realismFloor(m), directions, problem);
                },
                o -> {
                    loading.set(false);
                    inspect.setRealismFloor(o.floor());
                    session.open(o.model(), dir, o.directions());
                    title.set("Latent Lens - " + o.model().manifest().name());
                    status.set("Opened " + o.model().manifest().name() + " ("
                            + o.model().manifest().latent().size()
                            + " latent dimensions"
                            + (o.directions().isEmpty()
                                    ? ""
                                    : ", " + o.directions().size() + " discovered directions") + ") from " + dir
                            + (o.directionsProblem().isEmpty()
                                    ? ""
                                    : ". Discovered directions not shown: " + o.directionsProblem()));
                    error.set("");
                    remember(dir);
                },
                e -> {
                    loading.set(false);
                    status.set("Could not open " + dir);
                    if (e instanceof UntrustedModelException) {
                        refused.set(new RefusedModel(dir, e.getMessage()));
                    } else {
                        error.set(e.getMessage());
                    }
                });
    }

    /**
     * The realism score below which only 2.5% of the model's own samples fall; not needed (negative infinity) when
     * the manifest's calibration has measured them on many more samples.
     */
    private static float realismFloor(GanModel m) {
        if (!m.supports(ModelRole.DISCRIMINATE)) {
            return Float.NEGATIVE_INFINITY;
        }
        if (m.manifest().calibration() != null) {
            return Float.NEGATIVE_INFINITY;
        }
        Random r = new Random(3);
        List<float[]> codes = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            codes.add(LatentSampler.sample(m.manifest().latent(), r));
        }
        float[] scores =
                m.discriminate(m.generate(FloatMatrix.ofRows(codes))).realism().clone();
        Arrays.sort(scores);
        return scores[1];
    }

    /** Routes dropped or pasted files: model folders open, images are encoded. */
    public void filesDropped(List<Path> files) {
        for (Path f : files) {
            if (Files.isDirectory(f) && Files.exists(f.resolve(ManifestJson.FILE_NAME))) {
                openModel(f);
                return;
            }
            if (Files.isRegularFile(f) && ImageFiles.isImageName(f)) {
                encode.encode(f);
                return;
            }
        }
        error.set("Drop a face image (JPEG or PNG) to encode it, or a model folder (with manifest.json) to open it.");
    }

    private void remember(Path dir) {
        recent.remove(dir);
        recent.add(0, dir);
        while (recent.size() > RECENT) {
            recent.remove(recent.size() - 1);
        }
        if (prefs != null) {
            prefs.put(
                    "recent",
                    String.join("\n", recent.stream().map(Path::toString).toList()));
        }
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** A message for a dialog; cleared on success. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The last model refused for what its graph does, until the next open; {@code null} when none. */
    public ReadOnlyObjectProperty<RefusedModel> refusedProperty() {
        return refused.getReadOnlyProperty();
    }

    /** True while a model loads (in the background: TensorFlow's start, reading and checking the bundle). */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ObservableList<Path> recent() {
        return recent;
    }

    /** Frees every model opened. */
    public void close() {
        session.close();
    }
}
