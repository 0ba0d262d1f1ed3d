package org.latentlens.ui.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Where save dialogs start: the user's pictures folder, never the folder the app was started from. */
public final class Folders {
    private Folders() {}

    /** The pictures folder of the user running the app. */
    public static Path pictures() {
        return pictures(Path.of(System.getProperty("user.home")), System.getenv());
    }

    /**
     * The pictures folder of a user with home {@code home}: the XDG one named in {@code user-dirs.dirs} (which is
     * translated on many desktops: {@code ~/Bilder}, {@code ~/Images}), else {@code ~/Pictures}, else home itself.
     *
     * @param env the environment ({@code XDG_CONFIG_HOME}, {@code XDG_PICTURES_DIR})
     */
    static Path pictures(Path home, Map<String, String> env) {
        Path xdg = xdgPictures(home, env);
        if (xdg != null && Files.isDirectory(xdg)) {
            return xdg;
        }
        Path pictures = home.resolve("Pictures");
        return Files.isDirectory(pictures) ? pictures : home;
    }

    private static Path xdgPictures(Path home, Map<String, String> env) {
        String direct = env.get("XDG_PICTURES_DIR");
        if (direct != null && !direct.isBlank()) {
            return expand(direct, home);
        }
        String config = env.get("XDG_CONFIG_HOME");
        Path dirs = (config == null || config.isBlank() ? home.resolve(".config") : Path.of(config))
                .resolve("user-dirs.dirs");
        try {
            for (String line : Files.readAllLines(dirs, StandardCharsets.UTF_8)) {
                String l = line.trim();
                if (l.startsWith("XDG_PICTURES_DIR=")) {
                    return expand(l.substring("XDG_PICTURES_DIR=".length()).replace("\"", ""), home);
                }
            }
        } catch (IOException | RuntimeException e) {
            // No such file, or unreadable: fall back to ~/Pictures.
        }
        return null;
    }

    private static Path expand(String value, Path home) {
        String v = value.trim();
        if (v.startsWith("$HOME")) {
            return Path.of(home + v.substring("$HOME".length()));
        }
        return Path.of(v).isAbsolute() ? Path.of(v) : home.resolve(v);
    }
}
