package org.latentlens.ui.encode;

import java.awt.image.BufferedImage;
import java.util.stream.IntStream;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.latentlens.core.faces.FaceBox;
import org.latentlens.ui.common.FxImages;

/**
 * The photo last encoded with the faces found on it, a chooser when there are several ("Face 2 of 3", or a click on
 * a box), and the setting that turns face finding off for pictures that are already aligned crops.
 */
final class FacesView {
    private static final double PHOTO_HEIGHT = 160;
    private static final double PHOTO_MAX_WIDTH = 320;
    private final EncodeViewModel vm;

    /** A view of {@code vm}'s photo and faces. */
    FacesView(EncodeViewModel vm) {
        this.vm = vm;
    }

    /** The photo with its boxes, and the face chooser; hidden while the picture was encoded whole. */
    Node photoRow() {
        ImageView photo = new ImageView();
        photo.setId("encode-photo");
        photo.setPreserveRatio(true);
        photo.setFitHeight(PHOTO_HEIGHT);
        photo.setFitWidth(PHOTO_MAX_WIDTH);
        vm.photoProperty().addListener((o, was, now) -> photo.setImage(FxImages.toFx(now)));
        photo.setOnMouseClicked(e -> {
            BufferedImage shown = vm.photoProperty().get();
            Bounds drawn = photo.getLayoutBounds();
            if (shown != null && drawn.getWidth() > 0 && !vm.busyProperty().get()) {
                vm.chooseFaceAt(
                        e.getX() * shown.getWidth() / drawn.getWidth(),
                        e.getY() * shown.getHeight() / drawn.getHeight());
            }
        });
        var several = Bindings.size(vm.facesProperty()).greaterThan(1);
        photo.cursorProperty().bind(Bindings.when(several).then(Cursor.HAND).otherwise(Cursor.DEFAULT));
        Label caption = new Label();
        caption.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            int n = vm.facesProperty().size();
                            return n == 1 ? "Photo: 1 face found" : "Photo: " + n + " faces found";
                        },
                        vm.facesProperty()));
        VBox captioned = new VBox(4, photo, caption);
        captioned.setAlignment(Pos.CENTER);

        ChoiceBox<Integer> choice = faceChoice();
        Label hint = new Label("Click a face on the photo, or choose it here, to encode it instead.");
        hint.setWrapText(true);
        hint.setMaxWidth(170);
        VBox chooser = new VBox(6, choice, hint);
        chooser.setAlignment(Pos.CENTER_LEFT);
        chooser.visibleProperty().bind(several);
        chooser.managedProperty().bind(chooser.visibleProperty());

        HBox row = new HBox(12, captioned, chooser);
        row.setAlignment(Pos.CENTER);
        row.visibleProperty().bind(vm.photoProperty().isNotNull());
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    /** "Face i of n", kept on the face the view model encoded; choosing one asks the view model to encode it. */
    private ChoiceBox<Integer> faceChoice() {
        ChoiceBox<Integer> choice = new ChoiceBox<>();
        choice.setId("encode-face-choice");
        choice.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer i) {
                return i == null
                        ? ""
                        : "Face " + (i + 1) + " of " + vm.facesProperty().size();
            }

            @Override
            public Integer fromString(String s) {
                throw new UnsupportedOperationException("the face choice is not editable");
            }
        });
        vm.facesProperty().addListener((ListChangeListener<FaceBox>) c -> {
            choice.getItems()
                    .setAll(IntStream.range(0, vm.facesProperty().size())
                            .boxed()
                            .toList());
            select(choice, vm.chosenFaceProperty().get());
        });
        vm.chosenFaceProperty().addListener((o, was, now) -> select(choice, now.intValue()));
        // Selecting the face already encoded does nothing, so the two listeners above cannot start an encode.
        choice.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> vm.chooseFace(now.intValue()));
        choice.disableProperty().bind(vm.busyProperty());
        return choice;
    }

    private static void select(ChoiceBox<Integer> choice, int index) {
        if (index >= 0 && index < choice.getItems().size()) {
            choice.getSelectionModel().select(index);
        } else {
            choice.getSelectionModel().clearSelection();
        }
    }

    /** The setting: look for faces, or take every picture as an aligned crop. */
    Node setting() {
        CheckBox find = new CheckBox("Find faces in photos");
        find.setId("encode-find-faces");
        find.selectedProperty().bindBidirectional(vm.findFacesProperty());
        find.setTooltip(new Tooltip("On: the largest face in a dropped photo is found, levelled and cropped like the "
                + "training images before it is encoded.\nOff: every picture is centre-cropped whole; use it for face images "
                + "that are aligned already.\nSquare images of " + EncodeViewModel.ALIGNED_MAX_SIDE
                + " pixels or less are always taken as aligned."));
        return find;
    }
}
