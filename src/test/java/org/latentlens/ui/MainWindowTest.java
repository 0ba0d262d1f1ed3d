package org.latentlens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TitledPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.data.synthetic.SyntheticFaces;
import org.latentlens.core.directions.DirectionKind;
import org.latentlens.core.directions.DirectionsJson;
import org.latentlens.core.directions.LatentDirection;
import org.latentlens.core.train.TrainingConfig;
import org.latentlens.tensorflow.DjlModelLoader;
import org.latentlens.tensorflow.HostileBundle;
import org.latentlens.tensorflow.TfModelTrainer;
import org.latentlens.tensorflow.TinyBundles;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, headless (Monocle), on a tiny real model. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    @TempDir
    static Path tmp;

    private static Path bundle;
    private MainWindow window;

    @BeforeAll
    static void bundle() throws Exception {
        bundle = TinyBundles.write(tmp.resolve("tiny"), 9);
    }

    @Start
    void start(Stage stage) {
        window = new MainWindow(
                new DjlModelLoader(),
                new TfModelTrainer(),
                null,
                null,
                c -> TrainingConfig.defaults(c.dataset(), 16, c.attributes(), c.steps()).toBuilder()
                        .freeDims(2)
                        .batchSize(4)
                        .learningRate(c.learningRate())
                        .baseChannels(4)
                        .maxChannels(16)
                        .hiddenUnits(16)
                        .checkpointEvery(2)
                        .sampleEvery(2)
                        .emaDecay(0.99)
                        .modelName(c.modelName())
                        .build(),
                new MemoryPreferences());
        window.show(stage, bundle);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static int[] pixels(Image image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] out = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), out, 0, w);
        return out;
    }

    @Test
    void draggingASliderRedrawsTheFace(FxRobot robot) throws Exception {
        ImageView view = robot.lookup("#generated-image").queryAs(ImageView.class);
        waitFor(() -> view.getImage() != null);
        int[] before = pixels(view.getImage());
        Slider slider = robot.lookup("#slider-Smiling").queryAs(Slider.class);
        waitFor(() -> slider.lookup(".thumb") != null);
        robot.drag(slider.lookup(".thumb")).moveBy(120, 0).release(MouseButton.PRIMARY);
        waitFor(() -> slider.getValue() > 0.2 && !Arrays.equals(before, pixels(view.getImage())));
        assertTrue(window.explore().code()[0] > 0.2f);
        assertTrue(window.explore().canUndoProperty().get(), "the drag is one undo step");
        Label latency = robot.lookup("#latency").queryAs(Label.class);
        assertTrue(latency.getText().startsWith("slider to frame"), latency.getText());
    }

    @Test
    void droppingAnImageShowsOriginalReconstructionAndEdit(FxRobot robot) throws Exception {
        waitFor(() -> window.explore().renderProperty().get() != null);
        Path face = tmp.resolve("face.png");
        ImageIO.write(new SyntheticFaces(2).image(0, 100), "png", face.toFile());
        robot.interact(() -> window.filesDropped(List.of(face.toFile())));
        ImageView original = robot.lookup("#encode-original").queryAs(ImageView.class);
        ImageView reconstruction = robot.lookup("#encode-reconstruction").queryAs(ImageView.class);
        ImageView edit = robot.lookup("#encode-edit").queryAs(ImageView.class);
        waitFor(() -> original.getImage() != null && reconstruction.getImage() != null && edit.getImage() != null);
        assertEquals(TinyBundles.SIZE, (int) original.getImage().getWidth(), "cropped and resized to the model");
        assertTrue(
                robot.lookup("#encode-metrics").queryAs(Label.class).getText().contains("PSNR"));
        assertTrue(original.isVisible());
    }

    @Test
    void droppingSomethingElseSaysWhatToDrop(FxRobot robot) throws Exception {
        // The model opened at start must have finished opening, or its success would clear the message.
        waitFor(() -> window.explore().renderProperty().get() != null);
        Path text = Files.writeString(tmp.resolve("notes.txt"), "hello");
        robot.interact(() -> window.filesDropped(List.of(text.toFile())));
        waitFor(() -> !window.main().errorProperty().get().isEmpty());
        assertTrue(window.main().errorProperty().get().contains("Drop a face image"));
    }

    @Test
    void exportingAStripWritesAPngGridWeCanReadBack(FxRobot robot) throws Exception {
        waitFor(() -> window.explore().renderProperty().get() != null);
        AtomicReference<List<Path>> written = new AtomicReference<>();
        Path base = tmp.resolve("strips/smile.png");
        robot.interact(() -> window.export().exportStrip(base, -1, 5, 0, written::set));
        waitFor(() -> written.get() != null);
        BufferedImage grid = ImageIO.read(written.get().get(0).toFile());
        int rows = TinyBundles.ATTRIBUTES.size();
        assertEquals(5 * TinyBundles.SIZE + 6 * 2, grid.getWidth());
        assertEquals(rows * TinyBundles.SIZE + (rows + 1) * 2, grid.getHeight());
        assertTrue(Files.size(tmp.resolve("strips/smile.gif")) > 0);
        assertTrue(Files.readString(tmp.resolve("strips/smile.json")).contains("\"Smiling\""));
    }

    @Test
    void startingAndCancellingATinyTrainingRun(FxRobot robot) throws Exception {
        Path out = tmp.resolve("ui-run");
        robot.interact(() -> {
            window.train().outDirProperty().set(out.toString());
            window.train().stepsProperty().set(500);
            window.train().attributesProperty().set("Smiling");
        });
        robot.clickOn("Train");
        robot.clickOn("#train-start");
        waitFor(() -> window.train().progressProperty().get() > 0);
        assertTrue(window.train().runningProperty().get());
        robot.clickOn("#train-cancel");
        waitFor(() -> !window.train().runningProperty().get());
        assertTrue(
                window.train().errorProperty().get().isEmpty(),
                window.train().errorProperty().get());
        assertNotNull(window.train().finishedBundleProperty().get());
        assertTrue(window.train().messages().stream().anyMatch(m -> m.startsWith("Cancelled at step")));
        assertFalse(robot.lookup("#train-open").queryAs(Button.class).isDisabled());
        assertTrue(Files.exists(out.resolve("saved_model/saved_model.pb")));
    }

    @Test
    void aModelThatTouchesFilesOpensOnlyAfterOpenAnyway(FxRobot robot) throws Exception {
        waitFor(() -> window.explore().renderProperty().get() != null);
        Path written = tmp.resolve("ui-written.txt");
        Path hostile = HostileBundle.write(tmp.resolve("ui-hostile"), bundle.resolve("manifest.json"), written);
        robot.interact(() -> window.main().openModel(hostile));
        Predicate<Node> openAnyway = n -> n instanceof Button b && "Open anyway".equals(b.getText());
        waitFor(() -> robot.lookup(openAnyway).tryQuery().isPresent());
        assertTrue(window.main().refusedProperty().get().message().contains("'WriteFile'"));
        assertFalse(Files.exists(written), "nothing of the model ran before the user chose");
        robot.interact(() -> robot.lookup(openAnyway).queryButton().fire());
        waitFor(() -> window.main().titleProperty().get().endsWith("hostile"));
        assertTrue(Files.exists(written));
    }

    @Test
    void keyboardShortcutsRandomizeUndoAndRedo(FxRobot robot) throws Exception {
        waitFor(() -> window.explore().renderProperty().get() != null);
        float[] start = window.explore().code();
        robot.clickOn("#generated-image");
        robot.type(KeyCode.SPACE);
        waitFor(() -> !Arrays.equals(start, window.explore().code()));
        float[] randomized = window.explore().code();
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        waitFor(() -> Arrays.equals(start, window.explore().code()));
        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        waitFor(() -> Arrays.equals(randomized, window.explore().code()));
    }

    @Test
    void undoAndRedoShortcutsWorkWhileASliderHasFocus(FxRobot robot) throws Exception {
        waitFor(() -> window.explore().renderProperty().get() != null);
        float[] start = window.explore().code();
        Slider slider = robot.lookup("#slider-Smiling").queryAs(Slider.class);
        waitFor(() -> slider.lookup(".thumb") != null);
        robot.drag(slider.lookup(".thumb")).moveBy(120, 0).release(MouseButton.PRIMARY);
        waitFor(() -> slider.getValue() > 0.2);
        float[] dragged = window.explore().code();
        assertTrue(slider.isFocused(), "after a drag the slider has the focus");
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        waitFor(() -> Arrays.equals(start, window.explore().code()));
        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        waitFor(() -> Arrays.equals(dragged, window.explore().code()));
    }

    @Test
    void twoEncodedImagesInterpolateAndExportAsAStrip(FxRobot robot) throws Exception {
        waitFor(() -> window.explore().renderProperty().get() != null);
        Path a = tmp.resolve("a.png");
        Path b = tmp.resolve("b.png");
        ImageIO.write(new SyntheticFaces(2).image(1, 64), "png", a.toFile());
        ImageIO.write(new SyntheticFaces(2).image(2, 64), "png", b.toFile());
        robot.interact(() -> window.filesDropped(List.of(a.toFile())));
        waitFor(() -> window.encode().originalProperty().get() != null);
        float[] first = window.explore().code();
        robot.interact(() -> window.filesDropped(List.of(b.toFile())));
        waitFor(() -> window.encode().canInterpolateProperty().get());
        float[] second = window.explore().code();
        robot.interact(() -> window.encode().mixProperty().set(0));
        waitFor(() -> Arrays.equals(first, window.explore().code()));
        robot.interact(() -> window.encode().mixProperty().set(1));
        waitFor(() -> Arrays.equals(second, window.explore().code()));
        float[][] ends = window.encode().interpolationEnds().orElseThrow();
        AtomicReference<List<Path>> written = new AtomicReference<>();
        robot.interact(
                () -> window.export().exportInterpolation(tmp.resolve("lerp.png"), ends[0], ends[1], 6, written::set));
        waitFor(() -> written.get() != null);
        BufferedImage strip = ImageIO.read(written.get().get(0).toFile());
        assertEquals(6 * TinyBundles.SIZE + 7 * 2, strip.getWidth());
        assertEquals(TinyBundles.SIZE + 2 * 2, strip.getHeight());
    }

    @Test
    void aBundleWithDirectionsShowsTheirSlidersAndDraggingOneMovesTheCode(FxRobot robot) throws Exception {
        waitFor(() -> window.explore().renderProperty().get() != null);
        TitledPane pane = robot.lookup("#directions-pane").queryAs(TitledPane.class);
        assertFalse(pane.isVisible(), "the tiny model has no directions.json");
        Path withDirections = TinyBundles.write(tmp.resolve("tiny-directions"), 9);
        float[] happy = {0.6f, 0, 0.8f, 0, 0};
        DirectionsJson.write(
                withDirections,
                List.of(new LatentDirection("Happy", DirectionKind.SUPERVISED, "Smiling", happy, -2, 2, 0.71, 0.05)),
                "test");
        robot.interact(() -> window.main().openModel(withDirections));
        waitFor(pane::isVisible);
        Slider slider = robot.lookup("#direction-Happy").queryAs(Slider.class);
        float[] before = window.explore().code();
        robot.drag(slider.lookup(".thumb")).moveBy(80, 0).release(MouseButton.PRIMARY);
        waitFor(() -> window.explore().code()[0] > before[0] + 0.1f);
        float[] after = window.explore().code();
        assertEquals((after[0] - before[0]) / 0.6, (after[2] - before[2]) / 0.8, 1e-3, "moved along the vector");
        assertTrue(window.explore().canUndoProperty().get(), "the drag is one undo step");
    }

    @Test
    void openingTheActivationsPanelShowsTheGeneratorsMapsAndTheyFollowTheSliders(FxRobot robot) throws Exception {
        waitFor(() -> window.explore().renderProperty().get() != null);
        TitledPane pane = robot.lookup("#activations").queryAs(TitledPane.class);
        assertTrue(pane.isVisible(), "our bundles export feature maps");
        ImageView sheet = robot.lookup("#activations-sheet").queryAs(ImageView.class);
        assertTrue(sheet.getImage() == null, "nothing computed while collapsed");
        robot.interact(() -> pane.setExpanded(true));
        waitFor(() -> sheet.getImage() != null);
        Image first = sheet.getImage();
        int levels = Integer.numberOfTrailingZeros(TinyBundles.SIZE) - 1; // 4x4 up to the image's size
        assertEquals(levels * 40 + (levels - 1) * 2, (int) first.getHeight(), "one row per resolution level");
        assertTrue(robot.lookup("#activations-caption")
                .queryAs(Label.class)
                .getText()
                .startsWith("4x4"));
        robot.interact(() -> window.explore().randomize());
        waitFor(() -> sheet.getImage() != first && !Arrays.equals(pixels(first), pixels(sheet.getImage())));
    }
}
