package org.latentlens.ui.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.faces.FaceBox;
import org.latentlens.core.faces.FaceFinder;
import org.latentlens.core.faces.TestPhotos;
import org.latentlens.core.model.FakeGanModel;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.faces.opencv.OpenCvFaceFinder;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.UiExecutor;

/** Encoding photos: faces are found, the largest is encoded, others can be chosen; no face says so. */
class EncodeViewModelFacesTest {
    private static final int SIDE = 32;
    private static OpenCvFaceFinder openCv;

    @TempDir
    Path dir;

    private final AtomicInteger searches = new AtomicInteger();
    private ModelSession session;

    @BeforeAll
    static void openFinder() {
        openCv = new OpenCvFaceFinder();
    }

    @AfterAll
    static void closeFinder() {
        openCv.close();
    }

    @BeforeEach
    void openModel() {
        session = new ModelSession();
        session.open(new FakeGanModel(new ModelManifest(
                1,
                "fake",
                "",
                ImageSpec.rgbSquare(SIDE),
                LatentLayout.of(List.of("Smiling"), 1, 1.5f, 3f),
                List.of("Smiling"),
                List.of(),
                null,
                Map.of())));
    }

    /** A view model that runs everything at once and counts how often it looks for faces. */
    private EncodeViewModel viewModel(FaceFinder finder) {
        return new EncodeViewModel(UiExecutor.direct(), session, image -> {
            searches.incrementAndGet();
            return finder.find(image);
        });
    }

    @Test
    void aPhotoWithoutAFaceIsRefusedSayingWhatToDo() throws Exception {
        EncodeViewModel vm = viewModel(openCv);
        vm.encode(TestPhotos.copy(TestPhotos.COFFEE, dir));
        assertEquals(
                "No face found in coffee.jpg. Latent Lens encodes faces; crop the photo around a face, or drop an "
                        + "aligned face image.",
                vm.errorProperty().get());
        assertNull(vm.originalProperty().get(), "nothing was encoded");
        assertNull(vm.photoProperty().get());
        assertTrue(vm.facesProperty().isEmpty());
        assertTrue(!vm.busyProperty().get());
    }

    @Test
    void aPastedPictureWithoutAFaceIsCalledThePastedImage() {
        EncodeViewModel vm = viewModel(openCv);
        vm.encode(TestPhotos.read(TestPhotos.ROCKET));
        assertTrue(
                vm.errorProperty().get().startsWith("No face found in the pasted image."),
                vm.errorProperty().get());
    }

    @Test
    void twoFacesAreOfferedTheLargestIsEncodedAndTheOtherCanBeChosen() throws Exception {
        EncodeViewModel vm = viewModel(openCv);
        vm.encode(TestPhotos.copy(TestPhotos.TWO_FACES, dir));
        assertEquals("", vm.errorProperty().get());
        List<FaceBox> faces = List.copyOf(vm.facesProperty());
        assertEquals(2, faces.size(), "two choices");
        assertTrue(faces.get(0).centreX() < faces.get(1).centreX(), "numbered left to right");
        int largest = faces.get(0).area() >= faces.get(1).area() ? 0 : 1;
        assertEquals(largest, vm.chosenFaceProperty().get());
        assertEquals(SIDE, vm.originalProperty().get().getWidth(), "the aligned crop, at the model's size");
        BufferedImage shown = vm.photoProperty().get();
        assertNotNull(shown, "the photo with its boxes");
        assertEquals(2.0, (double) shown.getWidth() / shown.getHeight(), 0.01);

        int other = 1 - largest;
        vm.chooseFace(other);
        assertEquals(other, vm.chosenFaceProperty().get());
        assertTrue(vm.canInterpolateProperty().get(), "the two faces' codes are the interpolation's ends");

        // A click is in the shown photo's pixels, which are scaled from the photo's.
        double k = (double) shown.getWidth() / 768;
        FaceBox back = faces.get(largest);
        vm.chooseFaceAt(back.centreX() * k, back.centreY() * k);
        assertEquals(largest, vm.chosenFaceProperty().get());
        vm.chooseFaceAt(2, shown.getHeight() - 2);
        assertEquals(largest, vm.chosenFaceProperty().get(), "a click beside the faces changes nothing");
    }

    @Test
    void aPhotoWithOneFaceIsCroppedToItAndShownWithItsBox() throws Exception {
        EncodeViewModel vm = viewModel(openCv);
        vm.encode(TestPhotos.copy(TestPhotos.ASTRONAUT, dir));
        assertEquals(1, vm.facesProperty().size());
        assertEquals(0, vm.chosenFaceProperty().get());
        assertNotNull(vm.photoProperty().get());
        assertNotNull(vm.originalProperty().get());
        assertEquals(1, searches.get());
    }

    @Test
    void smallSquarePicturesAreTakenAsAlignedAndNotSearched() {
        EncodeViewModel vm = viewModel(openCv);
        vm.encode(new BufferedImage(
                EncodeViewModel.ALIGNED_MAX_SIDE, EncodeViewModel.ALIGNED_MAX_SIDE, BufferedImage.TYPE_INT_RGB));
        assertEquals(0, searches.get());
        assertEquals("", vm.errorProperty().get());
        assertNotNull(vm.originalProperty().get());
        assertNull(vm.photoProperty().get(), "encoded whole: no photo with boxes");
    }

    @Test
    void withFindingOffEveryPictureIsEncodedWhole() {
        EncodeViewModel vm = viewModel(openCv);
        vm.findFacesProperty().set(false);
        vm.encode(TestPhotos.read(TestPhotos.COFFEE));
        assertEquals(0, searches.get());
        assertEquals("", vm.errorProperty().get());
        assertNotNull(vm.originalProperty().get());
    }

    @Test
    void aFinderThatCannotRunFallsBackToTheCentreSquareAndSaysWhy() {
        EncodeViewModel vm = viewModel(FaceFinder.unavailable("Face detection cannot run on this computer."));
        vm.encode(TestPhotos.read(TestPhotos.ASTRONAUT));
        assertEquals("", vm.errorProperty().get());
        assertNotNull(vm.originalProperty().get());
        assertTrue(
                vm.metricsProperty()
                        .get()
                        .contains("Face detection cannot run on this computer. The picture was "
                                + "centre-cropped instead."),
                vm.metricsProperty().get());
    }
}
