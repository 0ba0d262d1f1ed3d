package org.latentlens.ui.explore;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.latentlens.ui.common.FxImages;

/** Sliders, buttons and the large generated image of the explorer. */
public final class ExploreView {
  /** Side of the displayed face in pixels; the model's image is scaled up without smoothing. */
  public static final double IMAGE_SIDE = 384;

  private final ExploreViewModel vm;
  private final VBox semantic = new VBox(6);
  private final VBox free = new VBox(6);
  private final ImageView image = new ImageView();

  /** A view of {@code vm}. */
  public ExploreView(ExploreViewModel vm) {
    this.vm = vm;
    image.setId("generated-image");
    image.setFitWidth(IMAGE_SIDE);
    image.setFitHeight(IMAGE_SIDE);
    image.setPreserveRatio(true);
    image.setSmooth(false);
    vm.renderProperty().addListener((obs, was, now) -> image.setImage(now == null ? null : FxImages.toFx(now.image())));
    vm.dimensions().addListener((ListChangeListener<DimensionState>) change -> rebuildSliders());
  }

  /** The large generated face. */
  public ImageView image() {
    return image;
  }

  /** The left-hand column: buttons, semantic sliders, free sliders, bookmarks. */
  public Node controls() {
    Button random = new Button("Random");
    random.setId("random-button");
    random.setTooltip(new Tooltip("New random values for unlocked sliders (Space)"));
    random.setOnAction(e -> vm.randomize());
    Button reset = new Button("Reset");
    reset.setOnAction(e -> vm.reset());
    Button undo = new Button("Undo");
    undo.setTooltip(new Tooltip("Ctrl+Z"));
    undo.disableProperty().bind(vm.canUndoProperty().not());
    undo.setOnAction(e -> vm.undo());
    Button redo = new Button("Redo");
    redo.setTooltip(new Tooltip("Ctrl+Y"));
    redo.disableProperty().bind(vm.canRedoProperty().not());
    redo.setOnAction(e -> vm.redo());
    HBox buttons = new HBox(6, random, reset, undo, redo);
    buttons.disableProperty().bind(vm.modelProperty().isNull());

    TitledPane freePane = new TitledPane("Free dimensions", free);
    freePane.setExpanded(false);
    freePane.visibleProperty().bind(Bindings.isNotEmpty(free.getChildren()));
    freePane.managedProperty().bind(freePane.visibleProperty());

    ComboBox<ExploreViewModel.Bookmark> marks = new ComboBox<>(vm.bookmarks());
    marks.setPromptText("Bookmarks");
    marks.setOnAction(e -> {
      if (marks.getValue() != null) {
        vm.restore(marks.getValue());
      }
    });
    TextField name = new TextField();
    name.setPromptText("name");
    name.setPrefColumnCount(8);
    Button save = new Button("Save");
    save.setOnAction(e -> {
      vm.bookmark(name.getText());
      name.clear();
    });
    HBox bookmarkRow = new HBox(6, marks, name, save);
    bookmarkRow.disableProperty().bind(vm.modelProperty().isNull());

    Label semanticTitle = new Label("Semantic dimensions");
    semanticTitle.setStyle("-fx-font-weight: bold");
    VBox column = new VBox(10, buttons, semanticTitle, semantic, freePane, bookmarkRow);
    column.setPadding(new Insets(10));
    ScrollPane scroll = new ScrollPane(column);
    scroll.setFitToWidth(true);
    scroll.setPrefWidth(400);
    return scroll;
  }

  private void rebuildSliders() {
    semantic.getChildren().clear();
    free.getChildren().clear();
    for (DimensionState d : vm.dimensions()) {
      (d.dimension().isSemantic() ? semantic : free).getChildren().add(row(d));
    }
  }

  private Node row(DimensionState d) {
    var dim = d.dimension();
    Label name = new Label(dim.name().replace('_', ' '));
    name.setMinWidth(100);
    Slider slider = new Slider(dim.min(), dim.max(), d.valueProperty().get());
    slider.setId("slider-" + dim.name());
    slider.setBlockIncrement((dim.max() - dim.min()) / 40);
    slider.valueProperty().bindBidirectional(d.valueProperty());
    // Filters, so the edit starts before the slider moves on a track click or an arrow key; a shortcut
    // (Ctrl+Z) is left to the menus, and a press that moves nothing records no undo step.
    slider.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> vm.beginEdit());
    slider.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (!e.isShortcutDown() && !e.getCode().isModifierKey()) {
        vm.beginEdit();
      }
    });
    HBox.setHgrow(slider, Priority.ALWAYS);
    Label value = new Label();
    value.setMinWidth(44);
    value.textProperty().bind(Bindings.createStringBinding(
        () -> String.format(Locale.ROOT, "%+.2f", d.valueProperty().get()), d.valueProperty()));
    ToggleButton lock = new ToggleButton("lock");
    lock.setTooltip(new Tooltip("Lock: keep this value on Random and when encoding"));
    lock.selectedProperty().bindBidirectional(d.lockedProperty());
    HBox top = new HBox(6, name, slider, value, lock);
    top.setAlignment(Pos.CENTER_LEFT);
    if (!dim.isSemantic()) {
      return top;
    }
    ProgressBar readout = new ProgressBar();
    readout.setPrefWidth(110);
    readout.setTooltip(new Tooltip("What the encoder reads for this attribute on the current image"));
    readout.progressProperty().bind(Bindings.createDoubleBinding(() -> {
      double p = d.readoutProperty().get();
      return Double.isNaN(p) ? 0 : p;
    }, d.readoutProperty()));
    Label readoutText = new Label();
    readoutText.textProperty().bind(Bindings.createStringBinding(() -> {
      double p = d.readoutProperty().get();
      return Double.isNaN(p) ? "" : String.format(Locale.ROOT, "%.0f%%", 100 * p);
    }, d.readoutProperty()));
    Label measured = new Label(Double.isNaN(d.steerability()) ? "" : String.format(Locale.ROOT,
        "steers %.0f%% · leaks %.0f%%", 100 * d.steerability(), 100 * d.leakage()));
    measured.setStyle("-fx-text-fill: #666666; -fx-font-size: 10");
    measured.setTooltip(new Tooltip("Measured by latent-lens evaluate through a judge trained on real images:"
        + " share of low-to-high sweeps that flip this attribute, and mean share of other attributes that change."));
    HBox bottom = new HBox(6, readout, readoutText, measured);
    bottom.setPadding(new Insets(0, 0, 0, 106));
    bottom.setAlignment(Pos.CENTER_LEFT);
    GridPane.setHgrow(top, Priority.ALWAYS);
    return new VBox(2, top, bottom);
  }
}
