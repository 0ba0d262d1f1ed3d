package org.latentlens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.model.FakeGanModel;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.ModelLoader;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.tensorflow.TfModelTrainer;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** What the window shows while work is in flight: a model loading, an image encoding (no TensorFlow needed). */
@ExtendWith(ApplicationExtension.class)
class MainWindowBusyTest {
    @TempDir
    Path tmp;

    private final CountDownLatch loaded = new CountDownLatch(1);
    private final FakeGanModel model = new FakeGanModel(new ModelManifest(
            1,
            "fake",
            "",
            ImageSpec.rgbSquare(8),
            LatentLayout.of(List.of("Smiling"), 1, 1.5f, 3f),
            List.of("Smiling"),
            List.of(),
            null,
            Map.of()));
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        // Loading waits for the test, like a cold start waits for TensorFlow.
        ModelLoader slow = dir -> {
            try {
                loaded.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return model;
        };
        window = new MainWindow(slow, new TfModelTrainer(), null, null, null, new MemoryPreferences());
        window.show(stage, Path.of("models/fake"));
    }

    @AfterEach
    void letGo() {
        loaded.countDown();
        model.holdEncodingUntil(null);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static MenuItem menuItem(FxRobot robot, String id) {
        return robot.lookup(".menu-bar").queryAs(MenuBar.class).getMenus().stream()
                .flatMap(m -> m.getItems().stream())
                .filter(i -> id.equals(i.getId()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theWindowShowsAtOnceAndSaysTheModelIsLoading(FxRobot robot) throws Exception {
        assertTrue(stage.isShowing(), "the window does not wait for the model");
        Label hint = robot.lookup("#empty-hint").queryAs(Label.class);
        assertTrue(hint.isVisible() && hint.getParent().isVisible());
        assertEquals("Loading model fake…", hint.getText());
        assertTrue(robot.lookup("#loading-indicator").query().isVisible());
        waitFor(() -> robot.lookup("#busy-indicator").query().isVisible());
        loaded.countDown();
        waitFor(() -> window.session().renderProperty().get() != null);
        assertFalse(robot.lookup("#loading-indicator").query().isVisible());
        assertFalse(hint.getParent().isVisible());
        assertFalse(robot.lookup("#busy-indicator").query().isVisible());
    }

    @Test
    void menusThatNeedAModelAreDisabledUntilOneIsOpen(FxRobot robot) throws Exception {
        List<String> needModel =
                List.of("#menu-export-strip", "#menu-save-image", "#menu-copy-image", "#menu-random", "#menu-reset");
        for (String id : needModel) {
            assertTrue(menuItem(robot, id.substring(1)).isDisable(), id + " with no model");
        }
        loaded.countDown();
        waitFor(() -> window.session().renderProperty().get() != null);
        for (String id : needModel) {
            assertFalse(menuItem(robot, id.substring(1)).isDisable(), id + " with a model");
        }
    }

    @Test
    void encodingShowsProgressUntilItEnds(FxRobot robot) throws Exception {
        loaded.countDown();
        waitFor(() -> window.session().renderProperty().get() != null);
        CountDownLatch encoded = new CountDownLatch(1);
        model.holdEncodingUntil(encoded);
        Path photo = tmp.resolve("photo.png");
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", photo.toFile());
        robot.interact(() -> window.filesDropped(List.of(photo.toFile())));
        Node busy = robot.lookup("#busy-indicator").query();
        waitFor(busy::isVisible);
        assertEquals(
                "Encoding photo.png…",
                robot.lookup("#encode-status").queryAs(Label.class).getText());
        encoded.countDown();
        waitFor(() -> window.encode().originalProperty().get() != null);
        assertFalse(busy.isVisible());
        assertEquals("", robot.lookup("#encode-status").queryAs(Label.class).getText());
    }
}
