package org.latentlens.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.prefs.Preferences;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.latentlens.core.directions.BundleDirections;
import org.latentlens.core.eval.BundleEvaluation;
import org.latentlens.core.eval.JudgeTrainer;
import org.latentlens.core.faces.FaceFinder;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ModelLoader;
import org.latentlens.core.train.ModelTrainer;
import org.latentlens.core.train.TrainingConfig;
import org.latentlens.ui.activations.ActivationsView;
import org.latentlens.ui.activations.ActivationsViewModel;
import org.latentlens.ui.common.FirstFaceTimer;
import org.latentlens.ui.common.FxUiExecutor;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.WindowGeometry;
import org.latentlens.ui.encode.EncodeView;
import org.latentlens.ui.encode.EncodeViewModel;
import org.latentlens.ui.explore.DirectionsView;
import org.latentlens.ui.explore.DirectionsViewModel;
import org.latentlens.ui.explore.ExploreView;
import org.latentlens.ui.explore.ExploreViewModel;
import org.latentlens.ui.explore.FindDirectionsAction;
import org.latentlens.ui.export.ExportViewModel;
import org.latentlens.ui.inspect.InspectView;
import org.latentlens.ui.inspect.InspectViewModel;
import org.latentlens.ui.model.EvaluateAction;
import org.latentlens.ui.model.ModelCardView;
import org.latentlens.ui.model.ModelCardViewModel;
import org.latentlens.ui.train.TrainView;
import org.latentlens.ui.train.TrainViewModel;

/** The main window: composition of the feature views, menus, shortcuts, drag and drop, status bar. */
public final class MainWindow {
    /** The smallest window the layout is made for; below it panels scroll. */
    static final double MIN_WIDTH = 1024;

    static final double MIN_HEIGHT = 700;
    private static final double DEFAULT_WIDTH = 1360;
    private static final double DEFAULT_HEIGHT = 860;

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
    private final ActivationsViewModel activations;
    private final ExportViewModel export;
    private final TrainViewModel train;
    private final MainViewModel main;
    private final TabPane tabs = new TabPane();
    private final Preferences prefs;
    private ExploreColumns columns;

    /**
     * The window with everything it can use: {@code judges} for the model card's Evaluate button ({@code null}: no
     * Evaluate), {@code faces} to find faces in dropped photos ({@code null}: photos are encoded whole),
     * {@code trainTuning} to adjust training configs (tests use tiny networks; {@code null}: none), and {@code prefs}
     * to keep the recent models and the window's geometry ({@code null}: not kept; {@link #userPreferences()}: the
     * user's).
     */
    public MainWindow(
            ModelLoader loader,
            ModelTrainer trainer,
            JudgeTrainer judges,
            FaceFinder faces,
            UnaryOperator<TrainingConfig> trainTuning,
            Preferences prefs) {
        this.judges = judges;
        this.prefs = prefs;
        explore = new ExploreViewModel(renderExecutor, session);
        directions = new DirectionsViewModel(session);
        // Finding directions and evaluating share one background thread: both read the model through a judge.
        findDirections = new FindDirectionsAction(
                session,
                evaluateExecutor,
                judges == null ? null : new BundleDirections(judges, loader),
                BundleDirections.Options.DEFAULT);
        encode = new EncodeViewModel(
                workExecutor,
                session,
                faces == null ? FaceFinder.unavailable("No face finder is set up in this window.") : faces);
        inspect = new InspectViewModel(session);
        // Feature maps are computed on the render thread, after each frame: they never hold up a newer frame for long,
        // and only while their panel is open.
        activations = new ActivationsViewModel(renderExecutor, session);
        export = new ExportViewModel(workExecutor, session);
        // Training in the app gives way to live rendering: between steps it waits while the user drags.
        train = new TrainViewModel(
                trainer,
                workExecutor,
                trainTuning == null ? UnaryOperator.identity() : trainTuning,
                session.activity());
        train.openModelDirProperty().bind(session.bundleDirProperty());
        main = new MainViewModel(loader, workExecutor, session, encode, inspect, prefs);
    }

    /** The user's preferences for this app, or {@code null} where the platform refuses them. */
    public static Preferences userPreferences() {
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
        SaveDialogs saves = new SaveDialogs(stage);
        FirstFaceTimer.watch(explore.renderProperty());
        ExploreView exploreView = new ExploreView(explore);
        exploreView.addSection(new DirectionsView(directions, findDirections).root());
        InspectView inspectView = new InspectView(inspect, session, ExploreView.IMAGE_SIDE);
        EncodeView encodeView = new EncodeView(encode, session, ends -> {
            File f = saves.ask("Save interpolation strip as", "interpolation.png");
            if (f != null) {
                export.exportInterpolation(f.toPath(), ends[0], ends[1], 8, true, files -> {});
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
        var side = Bindings.createDoubleBinding(
                () -> ExploreColumns.clamp(width.get() - 48, 220, ExploreView.IMAGE_SIDE), width);
        exploreView.image().fitWidthProperty().bind(side);
        exploreView.image().fitHeightProperty().bind(side);
        inspectView.overlay().fitWidthProperty().bind(side);
        inspectView.overlay().fitHeightProperty().bind(side);
        encodeView
                .paneSideProperty()
                .bind(Bindings.createDoubleBinding(() -> ExploreColumns.clamp((width.get() - 90) / 3, 96, 160), width));
        face.minHeightProperty().bind(side);
        EvaluateAction evaluateAction = new EvaluateAction(
                session, evaluateExecutor, judges == null ? null : new BundleEvaluation(judges), main::openModel);
        ModelCardView card = new ModelCardView(new ModelCardViewModel(session), evaluateAction);
        VBox right = new VBox(6, inspectView.panel(), new ActivationsView(activations).panel(), card.root());
        columns =
                new ExploreColumns(exploreView.controls(), centerScroll, scroller(right, "explore-right", 230), prefs);

        TrainView trainView = new TrainView(
                train,
                dir -> {
                    main.openModel(dir);
                    tabs.getSelectionModel().select(0);
                },
                judges == null
                        ? null
                        : dir -> {
                            evaluateAction.openAndStart(dir);
                            tabs.getSelectionModel().select(0);
                        });
        tabs.getTabs().setAll(new Tab("Explore", columns.root()), new Tab("Train", trainView.root()));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        MenuBar menus = new MainMenus(stage, saves, main, session, explore, encode, export).bar();
        BorderPane root = new BorderPane(tabs, menus, null, StatusBar.create(main, explore, encode, export), null);
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
            if (e.getCode() == KeyCode.SPACE
                    && !typing
                    && tabs.getSelectionModel().getSelectedIndex() == 0) {
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
            WindowGeometry.remember(stage, prefs);
            columns.remember();
            close();
        });
        FirstFaceTimer.mark("window laid out");
        stage.show();
        FirstFaceTimer.mark("window shown");
        if (model != null) {
            main.openModel(model);
        }
    }

    /** A vertical scroller for a column that may be taller (or, below its minimum, wider) than its space. */
    private static ScrollPane scroller(Region content, String id, double minWidth) {
        ScrollPane scroll = new ScrollPane(content);
        scroll.setId(id);
        scroll.setFitToWidth(true);
        scroll.setMinWidth(minWidth);
        return scroll;
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
        explore.modelProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends GanModel> o, GanModel was, GanModel now) {
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

    private void close() {
        main.close();
        renderExecutor.close();
        workExecutor.close();
        evaluateExecutor.close();
    }
}
