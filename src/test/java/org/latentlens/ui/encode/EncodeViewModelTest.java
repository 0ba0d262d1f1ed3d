package org.latentlens.ui.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.faces.FaceFinder;
import org.latentlens.core.model.FakeGanModel;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.UiExecutor;

/** Encoding says what it is doing while it runs, and stops saying so however it ends. */
class EncodeViewModelTest {
    @TempDir
    Path tmp;

    /** Background work waits in a queue until the test runs it: the in-flight state can be looked at. */
    private static final class StepExecutor implements UiExecutor {
        final List<Runnable> queued = new ArrayList<>();

        @Override
        public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError) {
            queued.add(() -> UiExecutor.direct().run(work, onSuccess, onError));
        }

        @Override
        public void onUiThread(Runnable action) {
            action.run();
        }

        void runAll() {
            while (!queued.isEmpty()) {
                queued.remove(0).run();
            }
        }
    }

    private final StepExecutor executor = new StepExecutor();
    private final ModelSession session = new ModelSession();
    private final EncodeViewModel vm =
            new EncodeViewModel(executor, session, FaceFinder.unavailable("No face finder in this test."));

    EncodeViewModelTest() {
        session.open(new FakeGanModel(new ModelManifest(
                1,
                "fake",
                "",
                ImageSpec.rgbSquare(8),
                LatentLayout.of(List.of("Smiling"), 1, 1.5f, 3f),
                List.of("Smiling"),
                List.of(),
                null,
                Map.of())));
    }

    @Test
    void busyWithANameWhileEncodingAndIdleAfter() throws Exception {
        Path photo = tmp.resolve("big photo.png");
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", photo.toFile());
        vm.encode(photo);
        assertTrue(vm.busyProperty().get());
        assertEquals("Encoding big photo.png…", vm.statusProperty().get());
        executor.runAll();
        assertFalse(vm.busyProperty().get());
        assertEquals("", vm.statusProperty().get());
        assertTrue(vm.originalProperty().get() != null);
    }

    @Test
    void aFailureEndsTheBusyStateToo() throws Exception {
        Path broken = Files.writeString(tmp.resolve("broken.png"), "not a PNG");
        vm.encode(broken);
        assertTrue(vm.busyProperty().get());
        executor.runAll();
        assertFalse(vm.busyProperty().get());
        assertEquals("", vm.statusProperty().get());
        assertTrue(
                vm.errorProperty().get().startsWith("Cannot encode broken.png"),
                vm.errorProperty().get());
    }
}
