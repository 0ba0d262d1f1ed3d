package org.latentlens.ui.encode;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import org.latentlens.core.data.ImageFiles;
import org.latentlens.core.eval.ImageMetrics;
import org.latentlens.core.faces.AlignedCrop;
import org.latentlens.core.faces.FaceBox;
import org.latentlens.core.faces.FaceFinder;
import org.latentlens.core.faces.FaceFinderException;
import org.latentlens.core.image.ImageConversion;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.ModelRole;
import org.latentlens.core.model.TrainingDomain;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.UiExecutor;

/**
 * Encodes a picture: it is cropped and resized to the model's size, encoded, and reconstructed; the sliders
 * then jump to the encoded code, so further edits show in the explorer's image (the "edit" pane).
 *
 * <p>A photo is first searched for faces, off the UI thread: the largest face is cropped and aligned the way the
 * training images are ({@link AlignedCrop}) and encoded, the photo is shown with the boxes found, and when there are
 * several the user can choose another ({@link #chooseFace}). A photo without a face is refused with a message.
 * Small square images ({@value #ALIGNED_MAX_SIDE} pixels or less) are taken as already aligned, and so is every
 * image while {@link #findFacesProperty()} is off: those are centre-cropped whole.
 */
public final class EncodeViewModel {
    /** Square images up to this side are taken as aligned face crops and encoded whole, without looking for faces. */
    public static final int ALIGNED_MAX_SIDE = 256;

    private final UiExecutor executor;
    private final ModelSession session;
    private final FaceFinder finder;
    private final BooleanProperty findFaces = new SimpleBooleanProperty(true);
    private final ReadOnlyObjectWrapper<BufferedImage> photo = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyListWrapper<FaceBox> faces = new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
    private final ReadOnlyIntegerWrapper chosenFace = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyObjectWrapper<BufferedImage> original = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<BufferedImage> reconstruction = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper metrics = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canInterpolate = new ReadOnlyBooleanWrapper(false);
    private final DoubleProperty mix = new SimpleDoubleProperty(1);
    private FacePhoto facePhoto;
    private float[] previous;
    private float[] latest;

    /**
     * Encoded images are computed with {@code executor} by {@code session}'s model, whose code they then set; faces
     * in photos are found by {@code finder}.
     */
    public EncodeViewModel(UiExecutor executor, ModelSession session, FaceFinder finder) {
        this.executor = executor;
        this.session = session;
        this.finder = finder;
        session.modelProperty().addListener((obs, was, now) -> clear());
        mix.addListener((obs, was, now) -> {
            if (canInterpolate.get()) {
                session.setCode(lerp(previous, latest, now.floatValue()));
            }
        });
    }

    /** The model to encode with, or {@code null} after saying why there is none. */
    private GanModel encoder() {
        GanModel model = session.modelProperty().get();
        if (model == null) {
            error.set("Open a model before encoding images.");
            return null;
        }
        if (!model.supports(ModelRole.ENCODE)) {
            error.set(
                    "Model '" + model.manifest().name() + "' has no encoder, so images cannot be encoded into its "
                            + "sliders: it can only generate. Models with an encode signature (ours, or an exported encoder) can.");
            return null;
        }
        return model;
    }

    /** Runs {@link #compute} holding a lease, so a model replaced meanwhile is not closed under it. */
    private Result computeLeased(GanModel model, BufferedImage picture) {
        try (var lease = session.lease(model)
                .orElseThrow(() -> new IllegalStateException("the model was replaced before the image was encoded"))) {
            return compute(lease.model(), picture);
        }
    }

    private record Result(
            BufferedImage original, BufferedImage reconstruction, float[] latent, double psnr, double ssim) {}

    /**
     * An encoded picture and where it came from: {@code photo} and {@code shown} (the photo with its boxes) are
     * {@code null} when the picture was encoded whole; {@code note} says why when faces were not looked for.
     */
    private record Encoded(Result result, FacePhoto photo, int chosen, BufferedImage shown, String note) {}

    /** Reads and encodes an image file (drop or file chooser), finding the face in it first. */
    public void encode(Path file) {
        start(() -> ImageFiles.read(file), String.valueOf(file.getFileName()), "Cannot encode " + file.getFileName());
    }

    /** Encodes a picture already in memory (paste), finding the face in it first. */
    public void encode(BufferedImage picture) {
        start(() -> picture, null, "Cannot encode the image");
    }

    /**
     * Encodes face {@code index} (0-based, left to right) of the photo encoded last, instead of the face chosen
     * before; nothing happens when there is no such face or it is already the one encoded.
     */
    public void chooseFace(int index) {
        FacePhoto from = facePhoto;
        if (from == null || index < 0 || index >= from.faces().size() || index == chosenFace.get()) {
            return;
        }
        GanModel model = encoder();
        if (model == null) {
            return;
        }
        started("Encoding face " + (index + 1) + "…");
        executor.run(
                () -> encodeFace(model, from, index),
                this::apply,
                e -> fail("Cannot encode face " + (index + 1) + ": " + e.getMessage()));
    }

    /** Encodes the face under the point ({@code x}, {@code y}) of {@link #photoProperty()}'s picture, if any. */
    public void chooseFaceAt(double x, double y) {
        FacePhoto from = facePhoto;
        BufferedImage shown = photo.get();
        if (from != null && shown != null) {
            double k = (double) from.image().getWidth() / shown.getWidth();
            chooseFace(from.faceAt(x * k, y * k));
        }
    }

    private void start(Callable<BufferedImage> read, String name, String failure) {
        GanModel model = encoder();
        if (model == null) {
            return;
        }
        boolean find = findFaces.get();
        started(name == null ? "Encoding the pasted image…" : "Encoding " + name + "…");
        executor.run(() -> findAndEncode(model, read.call(), name, find), this::apply, e -> {
            if (e instanceof NoFaceException) {
                // The boxes of the photo before would read as belonging to this one.
                forgetPhoto();
                fail(e.getMessage());
            } else {
                fail(failure + ": " + e.getMessage());
            }
        });
    }

    /** Runs on the worker: finds the faces, then encodes the largest, or the whole picture when it is aligned. */
    private Encoded findAndEncode(GanModel model, BufferedImage picture, String name, boolean find) throws Exception {
        if (!find || isAlignedCrop(picture)) {
            return new Encoded(computeLeased(model, picture), null, -1, null, "");
        }
        List<FaceBox> found;
        try {
            found = finder.find(picture);
        } catch (FaceFinderException e) {
            // Encoding the centre square still works for aligned crops; say why the face was not looked for.
            return new Encoded(
                    computeLeased(model, picture),
                    null,
                    -1,
                    null,
                    e.getMessage() + " The picture was centre-cropped instead.");
        }
        if (found.isEmpty()) {
            throw new NoFaceException(name);
        }
        FacePhoto from = new FacePhoto(picture, found);
        return encodeFace(model, from, from.largest());
    }

    private Encoded encodeFace(GanModel model, FacePhoto from, int index) {
        ImageSpec spec = model.manifest().image();
        AlignedCrop crop = from.crop(index, Math.max(spec.width(), spec.height()));
        Result result = computeLeased(model, crop.image());
        return new Encoded(result, from, index, from.shown(crop), "");
    }

    /** Whether {@code picture} looks like an aligned face crop already: small and square. */
    static boolean isAlignedCrop(BufferedImage picture) {
        return picture.getWidth() == picture.getHeight() && picture.getWidth() <= ALIGNED_MAX_SIDE;
    }

    /** No face in the picture: the message is the whole explanation. */
    private static final class NoFaceException extends Exception {
        private static final long serialVersionUID = 1L;

        NoFaceException(String name) {
            super("No face found in " + (name == null ? "the pasted image" : name)
                    + ". Latent Lens encodes faces; crop the photo around a face, or drop an aligned face image.");
        }
    }

    private static Result compute(GanModel model, BufferedImage picture) {
        ImageSpec spec = model.manifest().image();
        float[] x = ImageConversion.toModelInput(picture, spec);
        ImageBatch batch = new ImageBatch(1, spec.height(), spec.width(), spec.channels(), x);
        float[] latent = model.encode(batch).latent().row(0);
        float[] rec = model.generate(FloatMatrix.ofRow(latent)).image(0);
        return new Result(
                ImageConversion.toImage(x, spec),
                ImageConversion.toImage(rec, spec),
                latent,
                ImageMetrics.psnr(x, rec, spec),
                ImageMetrics.ssim(x, rec, spec));
    }

    private void started(String what) {
        error.set("");
        status.set(what);
        busy.set(true);
    }

    private void apply(Encoded e) {
        Result r = e.result();
        busy.set(false);
        status.set("");
        error.set("");
        facePhoto = e.photo();
        photo.set(e.shown());
        faces.setAll(e.photo() == null ? List.of() : e.photo().faces());
        chosenFace.set(e.chosen());
        original.set(r.original());
        reconstruction.set(r.reconstruction());
        String note = session.modelProperty().get() == null
                ? ""
                : TrainingDomain.reconstructionNote(
                        session.modelProperty().get().manifest(), r.psnr());
        metrics.set(String.format(Locale.ROOT, "Reconstruction: PSNR %.1f dB, SSIM %.3f", r.psnr(), r.ssim())
                + (note.isEmpty() ? "" : "\n" + note)
                + (e.note().isEmpty() ? "" : "\n" + e.note()));
        previous = latest;
        latest = r.latent();
        canInterpolate.set(previous != null);
        mix.set(1);
        session.applyEncoded(r.latent());
    }

    private void fail(String message) {
        busy.set(false);
        status.set("");
        error.set(message);
    }

    private void forgetPhoto() {
        facePhoto = null;
        photo.set(null);
        faces.clear();
        chosenFace.set(-1);
    }

    private void clear() {
        forgetPhoto();
        original.set(null);
        reconstruction.set(null);
        metrics.set("");
        previous = null;
        latest = null;
        canInterpolate.set(false);
    }

    private static float[] lerp(float[] a, float[] b, float t) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + t * (b[i] - a[i]);
        }
        return out;
    }

    /** The picture as the model sees it (cropped, resized). */
    public ReadOnlyObjectProperty<BufferedImage> originalProperty() {
        return original.getReadOnlyProperty();
    }

    /** The photo last encoded with the faces found drawn on it (reduced); {@code null} when it was encoded whole. */
    public ReadOnlyObjectProperty<BufferedImage> photoProperty() {
        return photo.getReadOnlyProperty();
    }

    /** The faces found in that photo, left to right (photo coordinates); empty when it was encoded whole. */
    public ReadOnlyListProperty<FaceBox> facesProperty() {
        return faces.getReadOnlyProperty();
    }

    /** Which of {@link #facesProperty()} is encoded (0-based); -1 when none. */
    public ReadOnlyIntegerProperty chosenFaceProperty() {
        return chosenFace.getReadOnlyProperty();
    }

    /**
     * Whether photos are searched for faces (on at start). Off: every picture is centre-cropped whole, for images
     * already aligned like the training data but larger than {@value #ALIGNED_MAX_SIDE} pixels or not square.
     */
    public BooleanProperty findFacesProperty() {
        return findFaces;
    }

    /** G(E(x)). */
    public ReadOnlyObjectProperty<BufferedImage> reconstructionProperty() {
        return reconstruction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty metricsProperty() {
        return metrics.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** True while an image is read and encoded. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What is being encoded ("Encoding face.jpg…") while busy; empty otherwise. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True once two images have been encoded. */
    public ReadOnlyBooleanProperty canInterpolateProperty() {
        return canInterpolate.getReadOnlyProperty();
    }

    /** The two encoded codes (previous, latest) while {@link #canInterpolateProperty()} is true. */
    public Optional<float[][]> interpolationEnds() {
        return canInterpolate.get() ? Optional.of(new float[][] {previous.clone(), latest.clone()}) : Optional.empty();
    }

    /** 0 = the previous encoded image's code, 1 = the latest's; moving it moves the sliders. */
    public DoubleProperty mixProperty() {
        return mix;
    }
}
