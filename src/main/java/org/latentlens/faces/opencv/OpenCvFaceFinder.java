package org.latentlens.faces.opencv;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;
import org.latentlens.core.faces.FaceBox;
import org.latentlens.core.faces.FaceFinder;
import org.latentlens.core.faces.FaceFinderException;

/**
 * Finds faces with OpenCV's Haar cascades: the frontal-face cascade on a reduced grey copy of the photo, then the eye
 * cascades (plain, then the one for glasses) in the upper part of each face, for the eye line the crop is levelled by.
 * The same search runs on copies of the photo turned by {@link #TILTS}, for heads tilted further than the cascade
 * sees (those faces are kept only with their eyes found).
 *
 * <p>The natives and the cascade files come from JavaCPP's OpenCV jars on the class path. They load on the first
 * {@link #find} (a few seconds the first time, while JavaCPP unpacks the natives into its cache), not when the app
 * starts. One detection runs at a time: a cascade classifier is not safe to share between threads.
 */
public final class OpenCvFaceFinder implements FaceFinder, AutoCloseable {
    /**
     * Longest side of the copy the face cascade runs on; photos of a few megapixels are reduced to it. At 1200 a face
     * 50 pixels wide in a 2400-pixel photo is still found; at 800 it was missed.
     */
    static final int DETECT_SIDE = 1200;
    /** Width the upper part of a face is scaled to before looking for eyes. */
    private static final int EYE_REGION_WIDTH = 200;
    /** The smallest face sought in the reduced copy, in pixels: a little over the cascade's 20-pixel window. */
    private static final int MIN_FACE = 24;
    /** Raw detections that must overlap for a face to count at all. */
    private static final int MIN_NEIGHBOURS = 5;
    /**
     * Raw detections a face without eyes needs to be kept. The cascade's false alarms (flags, suit patches) have few
     * (5-7 on our test photos) and no eyes; real faces there had 30 or more.
     */
    private static final int SURE_WITHOUT_EYES = 12;
    // alt2 rather than default: on our test photos default also fired on a space suit at some scales, alt2 never did.
    private static final String FACES = "haarcascade_frontalface_alt2.xml";
    private static final List<String> EYES = List.of("haarcascade_eye.xml", "haarcascade_eye_tree_eyeglasses.xml");
    /**
     * Turns of the photo searched besides upright, in degrees. The cascade finds heads within about 15 degrees of
     * upright (measured: 12 found, 25 and 30 not), so +-25 covers heads tilted 10 to 40 degrees either way.
     */
    static final double[] TILTS = {-25, 25};

    private CascadeClassifier faceCascade;
    private final List<CascadeClassifier> eyeCascades = new ArrayList<>();
    private FaceFinderException loadFailure;
    private boolean closed;

    /** A finder that loads OpenCV when first used. */
    public OpenCvFaceFinder() {}

    @Override
    public synchronized List<FaceBox> find(BufferedImage image) {
        load();
        try (PointerScope scope = new PointerScope()) {
            Mat grey = grey(image);
            List<FaceBox> faces = new ArrayList<>(detect(grey, false));
            for (double degrees : TILTS) {
                TiltedView view = TiltedView.of(grey.cols(), grey.rows(), degrees);
                Mat turned = new Mat();
                warpAffine(grey, turned, matrix(view), new Size(view.width(), view.height()));
                for (FaceBox found : detect(turned, true)) {
                    FaceBox face = view.toPhoto(found);
                    // A head tilted about 12 degrees can be found both upright and turned: keep the first.
                    if (faces.stream().noneMatch(f -> f.contains(face.centreX(), face.centreY()))) {
                        faces.add(face);
                    }
                }
            }
            return faces;
        }
    }

    /**
     * The upright faces in {@code grey}, in its coordinates. {@code needEyes}: keep only faces whose eyes were found
     * (in a turned copy, where the eyes are what tells the crop how the head is tilted, and where the cascade's false
     * alarms on the canvas's straight edges would otherwise count).
     */
    private List<FaceBox> detect(Mat grey, boolean needEyes) {
        double scale = Math.min(1, (double) DETECT_SIDE / Math.max(grey.cols(), grey.rows()));
        Mat small = new Mat();
        if (scale < 1) {
            resize(
                    grey,
                    small,
                    new Size((int) Math.round(grey.cols() * scale), (int) Math.round(grey.rows() * scale)),
                    0,
                    0,
                    INTER_AREA);
        } else {
            grey.copyTo(small);
        }
        equalizeHist(small, small);
        RectVector rects = new RectVector();
        IntPointer neighbours = new IntPointer();
        faceCascade.detectMultiScale2(
                small, rects, neighbours, 1.1, MIN_NEIGHBOURS, 0, new Size(MIN_FACE, MIN_FACE), new Size());
        List<FaceBox> faces = new ArrayList<>();
        for (int i = 0; i < rects.size(); i++) {
            Rect r = rects.get(i);
            // The number of overlapping raw detections merged into this one: the cascade's own measure of
            // certainty.
            FaceBox box = FaceBox.of(r.x(), r.y(), r.width(), r.height(), neighbours.get(i))
                    .scaled(1 / scale);
            Optional<FaceBox.Eyes> eyes = eyes(grey, box);
            if (eyes.isPresent() || (!needEyes && box.score() >= SURE_WITHOUT_EYES)) {
                faces.add(eyes.map(box::withEyes).orElse(box));
            }
        }
        return faces;
    }

    private static Mat matrix(TiltedView view) {
        Mat m = new Mat(2, 3, CV_64F);
        try (DoubleIndexer ix = m.createIndexer()) {
            double[] v = view.matrix();
            for (int i = 0; i < v.length; i++) {
                ix.put(i / 3, i % 3, v[i]);
            }
        }
        return m;
    }

    /** The eyes of {@code face}, looked for in the full-resolution {@code grey} photo. */
    private Optional<FaceBox.Eyes> eyes(Mat grey, FaceBox face) {
        // Eyes sit between 15% and 60% of the way down a frontal-face box; the band excludes nostrils and mouth.
        int x0 = clamp((int) Math.floor(face.x()), 0, grey.cols() - 1);
        int y0 = clamp((int) Math.floor(face.y() + 0.15 * face.height()), 0, grey.rows() - 1);
        int x1 = clamp((int) Math.ceil(face.x() + face.width()), x0 + 1, grey.cols());
        int y1 = clamp((int) Math.ceil(face.y() + 0.6 * face.height()), y0 + 1, grey.rows());
        double k = (double) EYE_REGION_WIDTH / (x1 - x0);
        Mat band = new Mat();
        Size size = new Size(EYE_REGION_WIDTH, Math.max(1, (int) Math.round((y1 - y0) * k)));
        resize(new Mat(grey, new Rect(x0, y0, x1 - x0, y1 - y0)), band, size, 0, 0, k < 1 ? INTER_AREA : INTER_LINEAR);
        equalizeHist(band, band);
        for (CascadeClassifier cascade : eyeCascades) {
            RectVector found = new RectVector();
            cascade.detectMultiScale(
                    band,
                    found,
                    1.1,
                    3,
                    0,
                    new Size(EYE_REGION_WIDTH / 12, EYE_REGION_WIDTH / 12),
                    new Size(EYE_REGION_WIDTH / 3, EYE_REGION_WIDTH / 3));
            List<EyePairs.Candidate> candidates = new ArrayList<>();
            for (int i = 0; i < found.size(); i++) {
                Rect r = found.get(i);
                candidates.add(new EyePairs.Candidate(
                        x0 + (r.x() + r.width() / 2.0) / k - face.x(),
                        y0 + (r.y() + r.height() / 2.0) / k,
                        r.width() / k));
            }
            Optional<FaceBox.Eyes> pair = EyePairs.best(candidates, face.width());
            if (pair.isPresent()) {
                FaceBox.Eyes e = pair.get();
                return Optional.of(
                        new FaceBox.Eyes(e.leftX() + face.x(), e.leftY(), e.rightX() + face.x(), e.rightY()));
            }
        }
        return Optional.empty();
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** The photo's luma (BT.601 weights, as OpenCV's own conversion) as an 8-bit single-channel matrix. */
    private static Mat grey(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] luma = new byte[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                luma[y * w + x] =
                        (byte) ((299 * (p >> 16 & 255) + 587 * (p >> 8 & 255) + 114 * (p & 255) + 500) / 1000);
            }
        }
        Mat mat = new Mat(h, w, CV_8UC1);
        mat.data().put(luma);
        return mat;
    }

    /** Loads the natives and cascades once; a failure is remembered and reported on every later call. */
    private void load() {
        if (closed) {
            throw new IllegalStateException("the face finder has been closed");
        }
        if (loadFailure != null) {
            throw loadFailure;
        }
        if (faceCascade != null) {
            return;
        }
        try {
            faceCascade = cascade(FACES);
            for (String name : EYES) {
                eyeCascades.add(cascade(name));
            }
        } catch (IOException | LinkageError | RuntimeException e) {
            loadFailure = new FaceFinderException(
                    "Face detection cannot run on this computer: OpenCV did not load (" + e.getMessage()
                            + "). Latent Lens ships OpenCV for Linux x86-64.",
                    e);
            throw loadFailure;
        }
    }

    /** A cascade from the OpenCV natives jar, unpacked into JavaCPP's cache because OpenCV reads it from a file. */
    private static CascadeClassifier cascade(String name) throws IOException {
        String resource = "/org/bytedeco/opencv/" + Loader.getPlatform() + "/share/opencv4/haarcascades/" + name;
        File file = Loader.cacheResource(OpenCvFaceFinder.class, resource);
        if (file == null) {
            throw new IOException(name + " is missing from the OpenCV jar for " + Loader.getPlatform());
        }
        CascadeClassifier cascade = new CascadeClassifier(file.getAbsolutePath());
        if (cascade.empty()) {
            cascade.close();
            throw new IOException(name + " could not be read from " + file);
        }
        return cascade;
    }

    /** Frees the cascades; {@link #find} fails afterwards. */
    @Override
    public synchronized void close() {
        closed = true;
        if (faceCascade != null) {
            faceCascade.close();
            eyeCascades.forEach(CascadeClassifier::close);
            eyeCascades.clear();
            faceCascade = null;
        }
    }
}
