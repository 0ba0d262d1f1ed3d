package org.latentlens.ui.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.faces.TestPhotos;
import org.latentlens.faces.opencv.OpenCvFaceFinder;
import org.latentlens.tensorflow.DjlModelLoader;
import org.latentlens.tensorflow.TinyBundles;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.UiExecutor;

/** OpenCV and TensorFlow in one process (both through JavaCPP 1.5.10): a photo is found, aligned and encoded. */
class RealModelPhotoTest {
    @TempDir
    Path dir;

    @Test
    void aPhotoIsFoundAlignedAndEncodedByARealModel() throws Exception {
        try (OpenCvFaceFinder finder = new OpenCvFaceFinder();
                ModelSession session = new ModelSession()) {
            // OpenCV's natives first, then TensorFlow's: the order the app loads them in when a photo opens it.
            assertEquals(1, finder.find(TestPhotos.read(TestPhotos.ASTRONAUT)).size());
            session.open(new DjlModelLoader().load(TinyBundles.write(dir.resolve("tiny"), 3)));
            EncodeViewModel vm = new EncodeViewModel(UiExecutor.direct(), session, finder);
            vm.encode(TestPhotos.copy(TestPhotos.ASTRONAUT, dir));
            assertEquals("", vm.errorProperty().get());
            assertEquals(1, vm.facesProperty().size());
            assertNotNull(vm.photoProperty().get());
            assertEquals(TinyBundles.SIZE, vm.originalProperty().get().getWidth());
            assertNotNull(vm.reconstructionProperty().get());
            assertTrue(
                    vm.metricsProperty().get().contains("PSNR"),
                    vm.metricsProperty().get());
        }
    }
}
