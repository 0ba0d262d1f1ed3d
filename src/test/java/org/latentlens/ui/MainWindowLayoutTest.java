package org.latentlens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Cell;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.data.synthetic.SyntheticFaces;
import org.latentlens.core.directions.DirectionKind;
import org.latentlens.core.directions.LatentDirection;
import org.latentlens.core.model.CategoricalFactor;
import org.latentlens.core.model.DimensionExplanation;
import org.latentlens.core.model.FakeGanModel;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.tensorflow.DjlModelLoader;
import org.latentlens.tensorflow.TfModelTrainer;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window's layout from the smallest supported size up: nothing cut off at the edge, no text shortened. */
@ExtendWith(ApplicationExtension.class)
class MainWindowLayoutTest {
    /** The model the app opens by default: eight sliders with measured figures, a full model card. */
    private static final Path BUNDLED = Path.of("models/default");

    @TempDir
    static Path tmp;

    private final MemoryPreferences prefs = new MemoryPreferences();
    private MainWindow window;
    private Stage stage;

    @BeforeAll
    static void bundle() throws Exception {
        for (int i = 0; i < 2; i++) {
            ImageIO.write(
                    new SyntheticFaces(2).image(i, 64),
                    "png",
                    tmp.resolve("face" + i + ".png").toFile());
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new MainWindow(new DjlModelLoader(), new TfModelTrainer(), null, null, null, prefs);
        window.show(stage, BUNDLED);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void atTheSmallestSupportedSizeEveryPanelShowsAndNoTextIsShortened(FxRobot robot) throws Exception {
        showEverything(robot, 1024, 700, true);
    }

    @Test
    void atTheDefaultSizeNoTextIsShortened(FxRobot robot) throws Exception {
        showEverything(robot, 1360, 860, true);
    }

    @Test
    void aLargerDesktopFontScrollsRatherThanShortens(FxRobot robot) throws Exception {
        robot.interact(() -> stage.getScene().getRoot().setStyle("-fx-font-size: 15px"));
        showEverything(robot, 1024, 700, false);
    }

    /**
     * Resizes the window, fills every panel (two encoded images, free dimensions open) and checks both tabs;
     * {@code fits}: the explorer's columns need no horizontal scrolling.
     */
    private void showEverything(FxRobot robot, double width, double height, boolean fits) throws Exception {
        waitFor(() -> window.explore().renderProperty().get() != null);
        robot.interact(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
        });
        for (int i = 0; i < 2; i++) {
            Path face = tmp.resolve("face" + i + ".png");
            robot.interact(() -> window.filesDropped(List.of(face.toFile())));
            int encoded = i;
            waitFor(() -> encoded == 0
                    ? window.encode().originalProperty().get() != null
                    : window.encode().canInterpolateProperty().get());
        }
        TitledPane free = robot.lookup("#free-dimensions").queryAs(TitledPane.class);
        robot.interact(() -> {
            free.setAnimated(false);
            free.setExpanded(true);
        });
        waitFor(() -> free.getContent().isVisible());
        Scene scene = stage.getScene();
        assertEquals(width, scene.getWidth(), 1, "the window took the size asked for");
        assertEquals(List.of(), shortened(scene.getRoot()), "text shown as it was written");
        for (String id : List.of(
                "#explore-controls",
                "#explore-center",
                "#explore-right",
                "#random-button",
                "#slider-Smiling",
                "#slider-Narrow_Eyes",
                "#generated-image",
                "#realism-label",
                "#status")) {
            assertInside(scene, robot.lookup(id).query(), id);
        }
        for (String id : List.of("#explore-controls", "#explore-center", "#explore-right")) {
            ScrollPane scroll = robot.lookup(id).queryAs(ScrollPane.class);
            double content = scroll.getContent().getLayoutBounds().getWidth();
            assertTrue(
                    !fits || content <= scroll.getViewportBounds().getWidth() + 0.5,
                    id + " needs horizontal scrolling: " + content + " > "
                            + scroll.getViewportBounds().getWidth());
        }
        Node card = robot.lookup("#model-card").query();
        Bounds cardBounds = card.localToScene(card.getBoundsInLocal());
        assertTrue(
                cardBounds.getMaxX() <= scene.getWidth() + 0.5 && cardBounds.getMinY() < scene.getHeight() - 40,
                "the model card starts in the window: " + cardBounds);

        robot.interact(() -> robot.lookup(".tab-pane")
                .queryAs(TabPane.class)
                .getSelectionModel()
                .select(1));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), shortened(scene.getRoot()), "Train tab text shown as it was written");
        for (String id : List.of(
                "#train-dataset",
                "#train-out",
                "#train-start",
                "#train-cancel",
                "#train-open",
                "#train-progress",
                "#train-samples")) {
            assertInside(scene, robot.lookup(id).query(), id);
        }
    }

    @Test
    void categoricalChoicesAndDiscoveredDirectionsFitAtTheSmallestSize(FxRobot robot) throws Exception {
        waitFor(() -> window.explore().renderProperty().get() != null);
        List<String> attrs = List.of("Smiling", "Narrow_Eyes", "White", "Black", "Asian", "Indian");
        LatentLayout layout = LatentLayout.of(attrs, 4, 1.5f, 3f)
                .withCategoricals(List.of(new CategoricalFactor("Race", List.of("White", "Black", "Asian", "Indian"))));
        // A free dimension named after the fact by latent-lens evaluate shows what it moves under its slider.
        ModelManifest manifest = new ModelManifest(
                        1, "utk", "", ImageSpec.rgbSquare(8), layout, attrs, List.of(), null, Map.of())
                .withExplained(Map.of("free_1", new DimensionExplanation("Narrow_Eyes", 0.71, 0.1, false)));
        float[] first = new float[layout.size()];
        first[0] = 1;
        float[] second = new float[layout.size()];
        second[6] = 1;
        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
            window.session()
                    .open(
                            new FakeGanModel(manifest),
                            null,
                            List.of(
                                    new LatentDirection(
                                            "Smiling", DirectionKind.SUPERVISED, "Smiling", first, -3, 3, 0.98, 0.04),
                                    new LatentDirection(
                                            "PC1",
                                            DirectionKind.UNSUPERVISED,
                                            "Narrow_Eyes",
                                            second,
                                            -3,
                                            3,
                                            0.52,
                                            Double.NaN)));
        });
        waitFor(() -> robot.lookup("#choice-Race").tryQuery().isPresent()
                && robot.lookup("#direction-PC1").tryQuery().isPresent());
        TitledPane free = robot.lookup("#free-dimensions").queryAs(TitledPane.class);
        robot.interact(() -> {
            free.setAnimated(false);
            free.setExpanded(true);
        });
        waitFor(() -> free.getContent().isVisible());
        assertEquals(
                "moves Narrow Eyes (lower = more), steers 0.71",
                robot.lookup("#explained-free_1").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#explained-free_0").tryQuery().isEmpty(), "a dimension not explained shows nothing");
        Scene scene = stage.getScene();
        assertEquals(List.of(), shortened(scene.getRoot()), "text shown as it was written");
        assertTrue(robot.lookup("#slider-White").tryQuery().isEmpty(), "a categorical's members are one choice");
        ScrollPane controls = robot.lookup("#explore-controls").queryAs(ScrollPane.class);
        double content = controls.getContent().getLayoutBounds().getWidth();
        assertTrue(
                content <= controls.getViewportBounds().getWidth() + 0.5,
                "the controls need horizontal scrolling: " + content + " > "
                        + controls.getViewportBounds().getWidth());
        for (String id : List.of("#choice-Race", "#slider-Smiling", "#evaluate-button")) {
            assertInside(scene, robot.lookup(id).query(), id);
        }
        for (String id : List.of("#choice-Race", "#direction-PC1", "#orthogonalize-directions", "#explained-free_1")) {
            Node node = robot.lookup(id).query();
            Bounds b = node.localToScene(node.getBoundsInLocal());
            Bounds column = controls.localToScene(controls.getBoundsInLocal());
            assertTrue(
                    b.getMinX() >= column.getMinX() - 0.5 && b.getMaxX() <= column.getMaxX() + 0.5,
                    id + " at " + b + " is cut off by the controls column " + column);
        }
    }

    @Test
    void aWindowMadeSmallAndThenLargeAgainGetsBackItsColumns(FxRobot robot) throws Exception {
        waitFor(() -> window.explore().renderProperty().get() != null);
        Region left = robot.lookup("#explore-controls").queryAs(Region.class);
        Region right = robot.lookup("#explore-right").queryAs(Region.class);
        robot.interact(() -> stage.setWidth(1360));
        WaitForAsyncUtils.waitForFxEvents();
        double wideLeft = left.getWidth();
        double wideRight = right.getWidth();
        robot.interact(() -> stage.setWidth(1024));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(
                left.getWidth() < wideLeft - 10 && right.getWidth() < wideRight - 5,
                "the side columns gave the middle room: " + left.getWidth() + ", " + right.getWidth());
        robot.interact(() -> stage.setWidth(1360));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(wideLeft, left.getWidth(), 1, "the left column took its width back");
        assertEquals(wideRight, right.getWidth(), 1, "the right column took its width back");
        robot.interact(stage::hide);
        assertTrue(
                Double.isNaN(prefs.getDouble("explore.rightWidth", Double.NaN)),
                "a width the user did not choose is not kept for the next run");
    }

    @Test
    void theWindowOpensWhereItWasLeft(FxRobot robot) throws Exception {
        waitFor(() -> window.explore().renderProperty().get() != null);
        robot.interact(() -> {
            stage.setX(40);
            stage.setY(30);
            stage.setWidth(1100);
            stage.setHeight(760);
        });
        robot.interact(stage::hide);
        assertEquals(1100, prefs.getDouble("window.width", 0), 0.5, "kept when the window closed");
        AtomicReference<Stage> again = new AtomicReference<>();
        robot.interact(() -> {
            again.set(new Stage());
            new MainWindow(new DjlModelLoader(), new TfModelTrainer(), null, null, null, prefs).show(again.get(), null);
        });
        WaitForAsyncUtils.waitForFxEvents();
        try {
            assertEquals(40, again.get().getX(), 0.5);
            assertEquals(30, again.get().getY(), 0.5);
            assertEquals(1100, again.get().getWidth(), 0.5);
            assertEquals(760, again.get().getHeight(), 0.5);
            assertFalse(again.get().isMaximized());
        } finally {
            robot.interact(again.get()::hide);
        }
    }

    private static void assertInside(Scene scene, Node node, String what) {
        Bounds b = node.localToScene(node.getBoundsInLocal());
        assertTrue(
                b.getMinX() >= -0.5
                        && b.getMinY() >= -0.5
                        && b.getMaxX() <= scene.getWidth() + 0.5
                        && b.getMaxY() <= scene.getHeight() + 0.5,
                what + " at " + b + " lies outside the " + scene.getWidth() + "x" + scene.getHeight() + " window");
    }

    /**
     * "text -> shown" for each visible label, button or title whose text is drawn shortened ("Previous i...").
     * List cells are left out (their lists scroll), and so are status messages, which name files of any length
     * and carry their whole text as a tooltip.
     */
    static List<String> shortened(Parent root) {
        List<String> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Node node, List<String> out) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Text text && text.getStyleClass().contains("text")) {
            Labeled owner = owner(text);
            if (owner != null
                    && !(owner instanceof Cell)
                    && !owner.getStyleClass().contains("status-text")
                    && !owner.getText().isEmpty()
                    && !owner.getText().equals(text.getText())) {
                out.add(owner.getText() + " -> " + text.getText());
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, out);
            }
        }
    }

    private static Labeled owner(Node node) {
        for (Parent p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof Labeled labeled) {
                return labeled;
            }
        }
        return null;
    }
}
