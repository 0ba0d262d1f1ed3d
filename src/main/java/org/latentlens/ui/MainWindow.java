package org.latentlens.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.latentlens.core.faces.FaceFinder;
import org.latentlens.core.model.ModelLoader;
import org.latentlens.core.train.ModelTrainer;
import org.latentlens.ui.common.FirstFaceTimer;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.Folders;
import org.latentlens.ui.common.FxUiExecutor;
import org.latentlens.ui.common.WindowGeometry;
import org.latentlens.ui.encode.EncodeView;
import org.latentlens.ui.encode.EncodeViewModel;
import org.latentlens.ui.explore.DirectionsView;
import org.latentlens.ui.explore.DirectionsViewModel;
import org.latentlens.ui.explore.FindDirectionsAction;
import org.latentlens.core.directions.BundleDirections;
import org.latentlens.ui.explore.ExploreView;
import org.latentlens.ui.explore.ExploreViewModel;
import org.latentlens.ui.export.ExportStripDialog;
import org.latentlens.ui.export.ExportViewModel;
import org.latentlens.ui.inspect.InspectView;
import org.latentlens.ui.inspect.InspectViewModel;
import org.latentlens.ui.model.ModelCardView;
import org.latentlens.ui.model.ModelCardViewModel;
import org.latentlens.ui.model.EvaluateAction;
import org.latentlens.core.eval.BundleEvaluation;
import org.latentlens.core.eval.JudgeTrainer;
import org.latentlens.ui.train.TrainView;
import org.latentlens.ui.train.TrainViewModel;

/** The main window: composition of the feature views, menus, shortcuts, drag and drop, status bar. */
public final class MainWindow {
  /** The smallest window the layout is made for; below it panels scroll. */
  static final double MIN_WIDTH = 1024;
  static final double MIN_HEIGHT = 700;
  private static final double DEFAULT_WIDTH = 1360;
  private static final double DEFAULT_HEIGHT = 860;
  private static final String LEFT_WIDTH = "explore.leftWidth";
  private static final String RIGHT_WIDTH = "explore.rightWidth";

  private final FxUiExecutor renderExecutor = new FxUiExecutor("render", 1);
  private final FxUiExecutor workExecutor = new FxUiExecutor("work", 1);
  // Evaluation takes minutes: its own thread, so encoding and exports are not queued behind it.
  private final FxUiExecutor evaluateExecutor = new FxUiExecutor("evaluate", 1);
  private final JudgeTrainer judges;
  private final ExploreViewModel explore;
  private final DirectionsViewModel directions;
  private final FindDirectionsAction findDirections;
  private final ModelSession session = new ModelSession();
  private final EncodeViewModel encode;
  private final InspectViewModel inspect;
  private final org.latentlens.ui.activations.ActivationsViewModel activations;
  private final ExportViewModel export;
  private final TrainViewModel train;
  private final MainViewModel main;
  private final TabPane tabs = new TabPane();
  private final Preferences prefs;
  private Stage stage;
  private SplitPane exploreSplit;
  /** Where save dialogs start: the pictures folder, then the folder last saved to. */
  private Path saveFolder = Folders.pictures();

  /** A window that opens models with {@code loader} and trains with {@code trainer}. */
  public MainWindow(ModelLoader loader, ModelTrainer trainer) {
    this(loader, trainer, null, noFaceFinder(), null, userPrefs());
  }

  /**
   * As above; {@code trainTuning} adjusts training configs (tests use tiny networks), and the recent models and
   * the window's geometry are kept in {@code prefs} ({@code null}: not kept).
   */
  public MainWindow(ModelLoader loader, ModelTrainer trainer,
      java.util.function.UnaryOperator<org.latentlens.core.train.TrainingConfig> trainTuning, Preferences prefs) {
    this(loader, trainer, null, noFaceFinder(), trainTuning, prefs);
  }

  /**
   * As above, with {@code judges} for the model card's Evaluate button ({@code null}: no Evaluate). Photos are
   * encoded whole: no face finder is set up.
   */
  public MainWindow(ModelLoader loader, ModelTrainer trainer, JudgeTrainer judges,
      java.util.function.UnaryOperator<org.latentlens.core.train.TrainingConfig> trainTuning) {
    this(loader, trainer, judges, noFaceFinder(), trainTuning, userPrefs());
  }

  /** As above; faces in dropped photos are found by {@code faces}. */
  public MainWindow(ModelLoader loader, ModelTrainer trainer, JudgeTrainer judges,
      java.util.function.UnaryOperator<org.latentlens.core.train.TrainingConfig> trainTuning, FaceFinder faces) {
    this(loader, trainer, judges, faces, trainTuning, userPrefs());
  }

  /**
   * The window with everything it can use: {@code judges} for the model card's Evaluate button ({@code null}: no
   * Evaluate), {@code faces} to find faces in dropped photos, {@code trainTuning} to adjust training configs
   * ({@code null}: none), and {@code prefs} to keep the recent models and the window's geometry ({@code null}: not
   * kept).
   */
  public MainWindow(ModelLoader loader, ModelTrainer trainer, JudgeTrainer judges, FaceFinder faces,
      java.util.function.UnaryOperator<org.latentlens.core.train.TrainingConfig> trainTuning, Preferences prefs) {
    this.judges = judges;
    this.prefs = prefs;
    explore = new ExploreViewModel(renderExecutor, session);
    directions = new DirectionsViewModel(session);
    // Finding directions and evaluating share one background thread: both read the model through a judge.
    findDirections = new FindDirectionsAction(session, evaluateExecutor,
        judges == null ? null : new BundleDirections(judges, loader), BundleDirections.Options.DEFAULT);
    encode = new EncodeViewModel(workExecutor, session, faces);
    inspect = new InspectViewModel(session);
    // Feature maps are computed on the render thread, after each frame: they never hold up a newer frame for long,
    // and only while their panel is open.
    activations = new org.latentlens.ui.activations.ActivationsViewModel(renderExecutor, session);
    export = new ExportViewModel(workExecutor, session);
    // Training in the app gives way to live rendering: between steps it waits while the user drags.
    train = new TrainViewModel(trainer, workExecutor,
        trainTuning == null ? java.util.function.UnaryOperator.identity() : trainTuning, session.activity());
    train.openModelDirProperty().bind(session.bundleDirProperty());
    main = new MainViewModel(loader, workExecutor, session, encode, inspect, prefs);
  }

  private static FaceFinder noFaceFinder() {
    return FaceFinder.unavailable("No face finder is set up in this window.");
  }

  private static Preferences userPrefs() {
    try {
      return Preferences.userNodeForPackage(MainWindow.class);
    } catch (SecurityException e) {
      return null;
    }
  }

  /** The owner of the open model. */
  public ModelSession session() {
    return session;
  }

  public ExploreViewModel explore() {
    return explore;
  }

  /** The "Find directions" button's action. */
  public FindDirectionsAction findDirections() {
    return findDirections;
  }

  /** The sliders of the open bundle's discovered directions. */
  public DirectionsViewModel directions() {
    return directions;
  }

  public EncodeViewModel encode() {
    return encode;
  }

  public ExportViewModel export() {
    return export;
  }

  public TrainViewModel train() {
    return train;
  }

  public MainViewModel main() {
    return main;
  }

  /** Shows the window on {@code stage}, opening {@code model} if given. */
  public void show(Stage stage, Path model) {
    this.stage = stage;
    FirstFaceTimer.watch(explore.renderProperty());
    ExploreView exploreView = new ExploreView(explore);
    exploreView.addSection(new DirectionsView(directions, findDirections).root());
    InspectView inspectView = new InspectView(inspect, session, ExploreView.IMAGE_SIDE);
    EncodeView encodeView = new EncodeView(encode, session, ends -> {
      File f = saveDialog("Save interpolation strip as", "interpolation.png");
      if (f != null) {
        export.exportInterpolation(f.toPath(), ends[0], ends[1], 8, true, files -> { });
      }
    });
    Label hint = new Label();
    hint.setId("empty-hint");
    hint.setWrapText(true);
    hint.setMaxWidth(360);
    hint.textProperty().bind(main.statusProperty());
    ProgressIndicator loading = new ProgressIndicator();
    loading.setId("loading-indicator");
    loading.visibleProperty().bind(main.loadingProperty());
    loading.managedProperty().bind(loading.visibleProperty());
    VBox empty = new VBox(12, loading, hint);
    empty.setAlignment(Pos.CENTER);
    empty.setMaxWidth(360);
    empty.visibleProperty().bind(explore.modelProperty().isNull());
    StackPane face = new StackPane(exploreView.image(), inspectView.overlay(), empty);
    VBox center = new VBox(10, face, encodeView.root());
    center.setAlignment(Pos.TOP_CENTER);
    center.setPadding(new Insets(10));
    ScrollPane centerScroll = scroller(center, "explore-center", 300);
    // The face and the encode panes shrink with a narrow middle column (a width that ignores the scroll bar,
    // so its coming and going cannot make the layout oscillate).
    var width = centerScroll.widthProperty();
    var side = Bindings.createDoubleBinding(() -> clamp(width.get() - 48, 220, ExploreView.IMAGE_SIDE), width);
    exploreView.image().fitWidthProperty().bind(side);
    exploreView.image().fitHeightProperty().bind(side);
    inspectView.overlay().fitWidthProperty().bind(side);
    inspectView.overlay().fitHeightProperty().bind(side);
    encodeView.paneSideProperty().bind(Bindings.createDoubleBinding(() -> clamp((width.get() - 90) / 3, 96, 160),
        width));
    face.minHeightProperty().bind(side);
    EvaluateAction evaluateAction = new EvaluateAction(session, evaluateExecutor,
        judges == null ? null : new BundleEvaluation(judges), main::openModel);
    ModelCardView card = new ModelCardView(new ModelCardViewModel(session), evaluateAction);
    VBox right = new VBox(6, inspectView.panel(),
        new org.latentlens.ui.activations.ActivationsView(activations).panel(), card.root());
    exploreSplit = columns(exploreView.controls(), centerScroll, scroller(right, "explore-right", 230));

    TrainView trainView = new TrainView(train, dir -> {
      main.openModel(dir);
      tabs.getSelectionModel().select(0);
    }, judges == null ? null : dir -> {
      evaluateAction.openAndStart(dir);
      tabs.getSelectionModel().select(0);
    });
    tabs.getTabs().setAll(new Tab("Explore", exploreSplit), new Tab("Train", trainView.root()));
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

    BorderPane root = new BorderPane(tabs, menus(), null, StatusBar.create(main, explore, encode, export), null);
    Scene scene = new Scene(root);
    scene.setOnDragOver(e -> {
      if (e.getDragboard().hasFiles()) {
        e.acceptTransferModes(TransferMode.COPY);
      }
      e.consume();
    });
    scene.setOnDragDropped(e -> {
      boolean ok = e.getDragboard().hasFiles();
      if (ok) {
        filesDropped(e.getDragboard().getFiles());
      }
      e.setDropCompleted(ok);
      e.consume();
    });
    scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      boolean typing = scene.getFocusOwner() instanceof TextInputControl;
      if (e.getCode() == KeyCode.SPACE && !typing && tabs.getSelectionModel().getSelectedIndex() == 0) {
        explore.randomize();
        e.consume();
      }
    });
    main.errorProperty().addListener((o, was, now) -> {
      if (!now.isEmpty()) {
        Alert alert = new Alert(Alert.AlertType.ERROR, now);
        alert.initOwner(stage);
        alert.setHeaderText("Latent Lens");
        alert.show();
      }
    });
    main.refusedProperty().addListener((o, was, now) -> {
      if (now != null) {
        askToOpenAnyway(stage, now);
      }
    });
    stage.titleProperty().bind(main.titleProperty());
    stage.setScene(scene);
    stage.setMinWidth(MIN_WIDTH);
    stage.setMinHeight(MIN_HEIGHT);
    WindowGeometry.place(stage, prefs, DEFAULT_WIDTH, DEFAULT_HEIGHT, MIN_WIDTH, MIN_HEIGHT);
    stage.setOnHidden(e -> {
      rememberGeometry(stage);
      close();
    });
    FirstFaceTimer.mark("window laid out");
    stage.show();
    FirstFaceTimer.mark("window shown");
    if (model != null) {
      main.openModel(model);
    }
  }

  private static double clamp(double v, double min, double max) {
    return Math.max(min, Math.min(max, v));
  }

  /** A vertical scroller for a column that may be taller (or, below its minimum, wider) than its space. */
  private static ScrollPane scroller(Region content, String id, double minWidth) {
    ScrollPane scroll = new ScrollPane(content);
    scroll.setId(id);
    scroll.setFitToWidth(true);
    scroll.setMinWidth(minWidth);
    return scroll;
  }

  /**
   * Three columns the user can resize; the side ones keep their width (that of the last run, or one that suits
   * every window from the smallest up) and the middle one takes what the window gains or loses.
   */
  /** Width the explorer's middle column needs to show the face and three encode panes without scrolling. */
  private static final double CENTER_ROOM = 400;

  private SplitPane columns(Node left, Node center, Node right) {
    ((Region) left).setMinWidth(320);
    SplitPane split = new SplitPane(left, center, right);
    SplitPane.setResizableWithParent(left, false);
    SplitPane.setResizableWithParent(right, false);
    double leftSaved = prefs == null ? Double.NaN : prefs.getDouble(LEFT_WIDTH, Double.NaN);
    double rightSaved = prefs == null ? Double.NaN : prefs.getDouble(RIGHT_WIDTH, Double.NaN);
    // Divider positions are fractions: set them once the window shows at its real width.
    split.widthProperty().addListener(new javafx.beans.value.ChangeListener<>() {
      @Override
      public void changed(javafx.beans.value.ObservableValue<? extends Number> o, Number was, Number now) {
        double w = now.doubleValue();
        if (w <= 0 || split.getScene() == null || !split.getScene().getWindow().isShowing()) {
          return;
        }
        split.widthProperty().removeListener(this);
        double left = Double.isNaN(leftSaved) ? clamp(0.3 * w, 360, 420) : clamp(leftSaved, 320, 0.45 * w);
        double right = Double.isNaN(rightSaved) ? clamp(0.23 * w, 250, 320) : clamp(rightSaved, 230, 0.4 * w);
        split.setDividerPositions(left / w, 1 - right / w);
        split.widthProperty().addListener((obs, before, after) -> {
          if (after.doubleValue() < before.doubleValue()) {
            javafx.application.Platform.runLater(() -> keepCenterRoom(split));
          }
        });
      }
    });
    return split;
  }

  /**
   * When the window narrows, the side columns keep their width and the middle one pays; below
   * {@link #CENTER_ROOM} the middle would need scrolling, so the side columns give back width down to their
   * minimums instead, each in proportion to what it has to spare.
   */
  private static void keepCenterRoom(SplitPane split) {
    double w = split.getWidth();
    Region left = (Region) split.getItems().get(0);
    Region right = (Region) split.getItems().get(2);
    double center = ((Region) split.getItems().get(1)).getWidth();
    double need = CENTER_ROOM - center;
    double spareLeft = Math.max(0, left.getWidth() - left.minWidth(-1));
    double spareRight = Math.max(0, right.getWidth() - right.minWidth(-1));
    double spare = spareLeft + spareRight;
    if (w <= 0 || need <= 0 || spare <= 0) {
      return;
    }
    double take = Math.min(need, spare);
    double newLeft = left.getWidth() - take * spareLeft / spare;
    double newRight = right.getWidth() - take * spareRight / spare;
    split.setDividerPositions(newLeft / w, 1 - newRight / w);
  }

  /** Keeps the window's geometry and the explorer's column widths for the next run. */
  private void rememberGeometry(Stage stage) {
    WindowGeometry.remember(stage, prefs);
    if (prefs != null && exploreSplit != null && exploreSplit.getWidth() > 0) {
      prefs.putDouble(LEFT_WIDTH, ((Region) exploreSplit.getItems().get(0)).getWidth());
      prefs.putDouble(RIGHT_WIDTH, ((Region) exploreSplit.getItems().get(2)).getWidth());
    }
  }

  /** The model's graph does more than compute: say what it does, and open it only if the user says so. */
  private void askToOpenAnyway(Stage stage, MainViewModel.RefusedModel refused) {
    ButtonType openAnyway = new ButtonType("Open anyway", ButtonBar.ButtonData.OK_DONE);
    Alert alert = new Alert(Alert.AlertType.WARNING, refused.message(), ButtonType.CANCEL, openAnyway);
    alert.initOwner(stage);
    alert.setHeaderText("This model does more than compute");
    // Cancel is the default: opening runs the model's code, so it takes a deliberate click.
    ((Button) alert.getDialogPane().lookupButton(openAnyway)).setDefaultButton(false);
    ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
    alert.setOnHidden(e -> {
      if (alert.getResult() == openAnyway) {
        main.openTrusted(refused.dir());
      }
    });
    alert.show();
  }

  /** Encodes {@code image} as soon as a model is open (command line {@code --encode}). */
  public void encodeOnceOpen(Path image) {
    if (explore.modelProperty().get() != null) {
      encode.encode(image);
      return;
    }
    explore.modelProperty().addListener(new javafx.beans.value.ChangeListener<>() {
      @Override
      public void changed(javafx.beans.value.ObservableValue<? extends org.latentlens.core.model.GanModel> o,
          org.latentlens.core.model.GanModel was, org.latentlens.core.model.GanModel now) {
        if (now != null) {
          explore.modelProperty().removeListener(this);
          encode.encode(image);
        }
      }
    });
  }

  /** The drop handler; also what tests call, since headless toolkits have no OS drag and drop. */
  public void filesDropped(List<File> files) {
    main.filesDropped(files.stream().map(File::toPath).toList());
  }

  private MenuBar menus() {
    MenuItem open = item("Open model...", "Shortcut+O", () -> {
      DirectoryChooser chooser = new DirectoryChooser();
      chooser.setTitle("Open a model folder (with manifest.json)");
      File dir = chooser.showDialog(stage);
      if (dir != null) {
        main.openModel(dir.toPath());
      }
    });
    Menu recent = new Menu("Open recent");
    Runnable fillRecent = () -> recent.getItems().setAll(main.recent().stream().map(p -> {
      MenuItem i = new MenuItem(p.toString());
      i.setOnAction(e -> main.openModel(p));
      return i;
    }).toList());
    main.recent().addListener((ListChangeListener<Path>) c -> fillRecent.run());
    fillRecent.run();
    MenuItem openImage = item("Encode image...", "Shortcut+I", () -> {
      FileChooser chooser = new FileChooser();
      chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg"));
      if (Folders.pictures().toFile().isDirectory()) {
        chooser.setInitialDirectory(Folders.pictures().toFile());
      }
      File f = chooser.showOpenDialog(stage);
      if (f != null) {
        encode.encode(f.toPath());
      }
    });
    MenuItem exportStrip = item("Export traversal strip...", "Shortcut+E", () -> {
      if (explore.modelProperty().get() != null) {
        rememberFolder(ExportStripDialog.show(stage, export, explore.modelProperty().get().manifest().latent(),
            saveFolder));
      }
    });
    exportStrip.setId("menu-export-strip");
    exportStrip.disableProperty().bind(session.modelProperty().isNull());
    MenuItem savePng = item("Save image as PNG...", "Shortcut+S", this::saveImage);
    savePng.setId("menu-save-image");
    savePng.disableProperty().bind(session.renderProperty().isNull());
    MenuItem quit = item("Quit", "Shortcut+Q", () -> stage.close());
    Menu file = new Menu("File", null, open, recent, openImage, new SeparatorMenuItem(), exportStrip, savePng,
        new SeparatorMenuItem(), quit);
    MenuItem undo = item("Undo", "Shortcut+Z", explore::undo);
    undo.disableProperty().bind(explore.canUndoProperty().not());
    MenuItem redo = item("Redo", "Shortcut+Y", explore::redo);
    redo.disableProperty().bind(explore.canRedoProperty().not());
    MenuItem copy = item("Copy image", "Shortcut+C", this::copyImage);
    copy.setId("menu-copy-image");
    copy.disableProperty().bind(session.renderProperty().isNull());
    MenuItem paste = item("Paste image to encode", "Shortcut+V", this::paste);
    MenuItem random = new MenuItem("Random code (Space)");
    random.setOnAction(e -> explore.randomize());
    random.setId("menu-random");
    MenuItem reset = item("Reset code", "Shortcut+R", explore::reset);
    reset.setId("menu-reset");
    for (MenuItem needsModel : List.of(random, reset)) {
      needsModel.disableProperty().bind(session.modelProperty().isNull());
    }
    Menu edit = new Menu("Edit", null, undo, redo, new SeparatorMenuItem(), copy, paste, new SeparatorMenuItem(),
        random, reset);
    return new MenuBar(file, edit);
  }

  private static MenuItem item(String text, String accelerator, Runnable action) {
    MenuItem i = new MenuItem(text);
    i.setAccelerator(KeyCombination.keyCombination(accelerator));
    i.setOnAction(e -> action.run());
    return i;
  }

  private void saveImage() {
    var r = explore.renderProperty().get();
    if (r == null) {
      return;
    }
    File f = saveDialog("Save image as", "face.png");
    if (f != null) {
      try {
        ImageIO.write(r.image(), "png", f);
      } catch (java.io.IOException e) {
        new Alert(Alert.AlertType.ERROR, "Cannot save " + f + ": " + e.getMessage()).show();
      }
    }
  }

  /** A save dialog that starts where the user saves pictures (or saved last); remembers the folder chosen. */
  private File saveDialog(String title, String name) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(title);
    chooser.setInitialFileName(name);
    if (saveFolder.toFile().isDirectory()) {
      chooser.setInitialDirectory(saveFolder.toFile());
    }
    File f = chooser.showSaveDialog(stage);
    rememberFolder(f);
    return f;
  }

  private void rememberFolder(File chosen) {
    if (chosen != null && chosen.getParentFile() != null) {
      saveFolder = chosen.getParentFile().toPath();
    }
  }

  private void copyImage() {
    var r = explore.renderProperty().get();
    if (r != null) {
      ClipboardContent c = new ClipboardContent();
      c.putImage(SwingFXUtils.toFXImage(r.image(), null));
      Clipboard.getSystemClipboard().setContent(c);
    }
  }

  private void paste() {
    Clipboard clip = Clipboard.getSystemClipboard();
    if (clip.hasFiles()) {
      filesDropped(clip.getFiles());
    } else if (clip.hasImage()) {
      encode.encode(SwingFXUtils.fromFXImage(clip.getImage(), null));
    }
  }

  private void close() {
    main.close();
    renderExecutor.close();
    workExecutor.close();
    evaluateExecutor.close();
  }
}
