package org.latentlens.ui;

import java.io.File;
import java.nio.file.Path;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.latentlens.ui.common.Folders;

/** Save dialogs that start where the user saves pictures, then in the folder last saved to. */
final class SaveDialogs {
    private final Window owner;
    private Path folder = Folders.pictures();

    SaveDialogs(Window owner) {
        this.owner = owner;
    }

    /** Asks where to save a file first named {@code name}; {@code null} when the user cancels. */
    File ask(String title, String name) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(name);
        if (folder.toFile().isDirectory()) {
            chooser.setInitialDirectory(folder.toFile());
        }
        File f = chooser.showSaveDialog(owner);
        remember(f);
        return f;
    }

    /** The folder the next dialog starts in. */
    Path folder() {
        return folder;
    }

    /** Makes the folder of {@code chosen} (saved to by some other dialog) the next dialogs' start; null is ignored. */
    void remember(File chosen) {
        if (chosen != null && chosen.getParentFile() != null) {
            folder = chosen.getParentFile().toPath();
        }
    }
}
