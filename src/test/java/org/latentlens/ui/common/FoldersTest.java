package org.latentlens.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save dialogs start in the user's pictures folder, whatever the desktop's language calls it. */
class FoldersTest {
    @TempDir
    Path home;

    @Test
    void theXdgPicturesFolderWins() throws Exception {
        Files.createDirectories(home.resolve("Pictures"));
        Path bilder = Files.createDirectories(home.resolve("Bilder"));
        Files.createDirectories(home.resolve(".config"));
        Files.writeString(
                home.resolve(".config/user-dirs.dirs"),
                "# written by xdg-user-dirs-update\n"
                        + "XDG_DESKTOP_DIR=\"$HOME/Schreibtisch\"\nXDG_PICTURES_DIR=\"$HOME/Bilder\"\n");
        assertEquals(bilder, Folders.pictures(home, Map.of()));
    }

    @Test
    void elsePicturesInTheHomeFolder() throws Exception {
        Path pictures = Files.createDirectories(home.resolve("Pictures"));
        assertEquals(pictures, Folders.pictures(home, Map.of()));
        assertEquals(
                pictures,
                Folders.pictures(
                        home, Map.of("XDG_PICTURES_DIR", home.resolve("gone").toString())),
                "a named folder that does not exist is passed over");
    }

    @Test
    void elseTheHomeFolderNeverTheWorkingDirectory() {
        assertEquals(home, Folders.pictures(home, Map.of()));
    }
}
