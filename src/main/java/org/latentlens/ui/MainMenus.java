package org.latentlens.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Alert;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCombination;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.latentlens.ui.common.Folders;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.encode.EncodeViewModel;
import org.latentlens.ui.explore.ExploreViewModel;
import org.latentlens.ui.export.ExportStripDialog;
import org.latentlens.ui.export.ExportViewModel;

/** The window's File and Edit menus with their shortcuts; each item is disabled while it has nothing to act on. */
final class MainMenus {
    private final Stage stage;
    private final SaveDialogs saves;
    private final MainViewModel main;
    private final ModelSession session;
    private final ExploreViewModel explore;
    private final EncodeViewModel encode;
    private final ExportViewModel export;

    MainMenus(
            Stage stage,
            SaveDialogs saves,
            MainViewModel main,
            ModelSession session,
            ExploreViewModel explore,
            EncodeViewModel encode,
            ExportViewModel export) {
        this.stage = stage;
        this.saves = saves;
        this.main = main;
        this.session = session;
        this.explore = explore;
        this.encode = encode;
        this.export = export;
    }

    MenuBar bar() {
        return new MenuBar(file(), edit());
    }

    private Menu file() {
        MenuItem open = item("Open model...", "Shortcut+O", () -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Open a model folder (with manifest.json)");
            File dir = chooser.showDialog(stage);
            if (dir != null) {
                main.openModel(dir.toPath());
            }
        });
        Menu recent = new Menu("Open recent");
        Runnable fillRecent = () -> recent.getItems()
                .setAll(main.recent().stream()
                        .map(p -> {
                            MenuItem i = new MenuItem(p.toString());
                            i.setOnAction(e -> main.openModel(p));
                            return i;
                        })
                        .toList());
        main.recent().addListener((ListChangeListener<Path>) c -> fillRecent.run());
        fillRecent.run();
        MenuItem openImage = item("Encode image...", "Shortcut+I", this::encodeChosenImage);
        MenuItem exportStrip = item("Export traversal strip...", "Shortcut+E", () -> {
            if (explore.modelProperty().get() != null) {
                saves.remember(ExportStripDialog.show(
                        stage, export, explore.modelProperty().get().manifest().latent(), saves.folder()));
            }
        });
        exportStrip.setId("menu-export-strip");
        exportStrip.disableProperty().bind(session.modelProperty().isNull());
        MenuItem savePng = item("Save image as PNG...", "Shortcut+S", this::saveImage);
        savePng.setId("menu-save-image");
        savePng.disableProperty().bind(session.renderProperty().isNull());
        MenuItem quit = item("Quit", "Shortcut+Q", stage::close);
        return new Menu(
                "File",
                null,
                open,
                recent,
                openImage,
                new SeparatorMenuItem(),
                exportStrip,
                savePng,
                new SeparatorMenuItem(),
                quit);
    }

    private Menu edit() {
        MenuItem undo = item("Undo", "Shortcut+Z", explore::undo);
        undo.disableProperty().bind(explore.canUndoProperty().not());
        MenuItem redo = item("Redo", "Shortcut+Y", explore::redo);
        redo.disableProperty().bind(explore.canRedoProperty().not());
        MenuItem copy = item("Copy image", "Shortcut+C", this::copyImage);
        copy.setId("menu-copy-image");
        copy.disableProperty().bind(session.renderProperty().isNull());
        MenuItem paste = item("Paste image to encode", "Shortcut+V", this::paste);
        // Space is handled by the window (a key filter), not as an accelerator, so that it still types into text
        // fields.
        MenuItem random = new MenuItem("Random code (Space)");
        random.setOnAction(e -> explore.randomize());
        random.setId("menu-random");
        MenuItem reset = item("Reset code", "Shortcut+R", explore::reset);
        reset.setId("menu-reset");
        for (MenuItem needsModel : List.of(random, reset)) {
            needsModel.disableProperty().bind(session.modelProperty().isNull());
        }
        return new Menu(
                "Edit", null, undo, redo, new SeparatorMenuItem(), copy, paste, new SeparatorMenuItem(), random, reset);
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem i = new MenuItem(text);
        i.setAccelerator(KeyCombination.keyCombination(accelerator));
        i.setOnAction(e -> action.run());
        return i;
    }

    private void encodeChosenImage() {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg"));
        if (Folders.pictures().toFile().isDirectory()) {
            chooser.setInitialDirectory(Folders.pictures().toFile());
        }
        File f = chooser.showOpenDialog(stage);
        if (f != null) {
            encode.encode(f.toPath());
        }
    }

    private void saveImage() {
        var r = explore.renderProperty().get();
        if (r == null) {
            return;
        }
        File f = saves.ask("Save image as", "face.png");
        if (f != null) {
            try {
                ImageIO.write(r.image(), "png", f);
            } catch (IOException e) {
                new Alert(Alert.AlertType.ERROR, "Cannot save " + f + ": " + e.getMessage()).show();
            }
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
            main.filesDropped(clip.getFiles().stream().map(File::toPath).toList());
        } else if (clip.hasImage()) {
            encode.encode(SwingFXUtils.fromFXImage(clip.getImage(), null));
        }
    }
}
