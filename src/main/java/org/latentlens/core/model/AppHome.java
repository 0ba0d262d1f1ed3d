package org.latentlens.core.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the app's own files live: the launcher sets {@code latentlens.home}; otherwise the working folder. */
public final class AppHome {
    /** The bundled default model, relative to the home. */
    public static final Path DEFAULT_MODEL = Path.of("models", "default");

    private AppHome() {}

    /** The home folder. */
    public static Path home() {
        String home = System.getProperty("latentlens.home");
        return home != null ? Path.of(home) : Path.of("").toAbsolutePath();
    }

    /** The bundled default model, if it is there. */
    public static Optional<Path> defaultModel() {
        Path p = home().resolve(DEFAULT_MODEL);
        return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    }
}
