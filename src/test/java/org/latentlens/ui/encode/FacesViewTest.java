package org.latentlens.ui.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.faces.FaceBox;
import org.latentlens.core.faces.TestPhotos;
import org.latentlens.core.model.FakeGanModel;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.faces.opencv.OpenCvFaceFinder;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.UiExecutor;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The encode view with a photo of two faces: the chooser follows the view model, and a click picks a face. */
@ExtendWith(ApplicationExtension.class)
class FacesViewTest {
    private static OpenCvFaceFinder finder;

    @TempDir
    static Path photos;

    private EncodeViewModel vm;

    @BeforeAll
    static void setUp() {
        finder = new OpenCvFaceFinder();
    }

    @AfterAll
    static void tearDown() {
        finder.close();
    }

    @Start
    void start(Stage stage) {
        ModelSession session = new ModelSession();
        session.open(new FakeGanModel(new ModelManifest(
                1,
                "fake",
                "",
                ImageSpec.rgbSquare(16),
                LatentLayout.of(List.of("Smiling"), 1, 1.5f, 3f),
                List.of("Smiling"),
                List.of(),
                null,
                Map.of())));
        vm = new EncodeViewModel(UiExecutor.direct(), session, finder);
        stage.setScene(new Scene(new StackPane(new EncodeView(vm, session, ends -> {}).root()), 700, 600));
        stage.show();
    }

    @Test
    void twoFacesShowAChooserAndAClickOnTheOtherFaceEncodesIt(FxRobot robot) throws Exception {
        Path photo = TestPhotos.copy(TestPhotos.TWO_FACES, photos);
        robot.interact(() -> vm.encode(photo));
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        ChoiceBox<Integer> choice = robot.lookup("#encode-face-choice").queryAs(ChoiceBox.class);
        assertTrue(shown(choice));
        assertEquals(2, choice.getItems().size());
        int chosen = vm.chosenFaceProperty().get();
        assertEquals(chosen, choice.getSelectionModel().getSelectedIndex());
        assertEquals("Face " + (chosen + 1) + " of 2", choice.getConverter().toString(choice.getValue()));

        int other = 1 - chosen;
        FaceBox face = vm.facesProperty().get(other);
        ImageView view = robot.lookup("#encode-photo").queryAs(ImageView.class);
        Bounds drawn = view.getLayoutBounds();
        Point2D onScreen =
                view.localToScreen(face.centreX() * drawn.getWidth() / 768, face.centreY() * drawn.getHeight() / 384);
        robot.clickOn(onScreen);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(other, vm.chosenFaceProperty().get(), "the click chose the other face");
        assertEquals(other, choice.getSelectionModel().getSelectedIndex(), "and the chooser follows");

        robot.interact(() -> choice.getSelectionModel().select(chosen));
        assertEquals(chosen, vm.chosenFaceProperty().get(), "choosing in the list encodes that face");
    }

    @Test
    void noFaceShowsTheMessageAndTheSettingNoPhoto(FxRobot robot) throws Exception {
        Path photo = TestPhotos.copy(TestPhotos.COFFEE, photos);
        robot.interact(() -> vm.encode(photo));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup((Label l) -> l.getText().startsWith("No face found in coffee.jpg"))
                .tryQuery()
                .isPresent());
        assertFalse(shown(robot.lookup("#encode-photo").queryAs(ImageView.class)), "no photo pane");
        assertTrue(shown(robot.lookup("#encode-find-faces").queryAs(CheckBox.class)), "the setting is at hand");
    }

    /** Whether {@code node} and all its parents are visible. */
    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
