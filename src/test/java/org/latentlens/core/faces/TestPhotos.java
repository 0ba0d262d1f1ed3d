package org.latentlens.core.faces;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** The public-domain photos under src/test/resources/photos (see the README there). */
public final class TestPhotos {
    /** One face, eyes at about (202, 101) and (248, 104). */
    public static final String ASTRONAUT = "astronaut.jpg";
    /** The astronaut, smaller, beside a mirrored copy: two faces. */
    public static final String TWO_FACES = "two-faces.jpg";
    /** A coffee cup: no face. */
    public static final String COFFEE = "coffee.jpg";
    /** A rocket launch: no face. */
    public static final String ROCKET = "rocket.jpg";

    private TestPhotos() {}

    /** Decodes the photo {@code name}. */
    public static BufferedImage read(String name) {
        try (InputStream in = TestPhotos.class.getResourceAsStream("/photos/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test photo " + name);
            }
            return ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the photo {@code name} into {@code dir} under the same name, for code that reads files. */
    public static Path copy(String name, Path dir) throws IOException {
        try (InputStream in = TestPhotos.class.getResourceAsStream("/photos/" + name)) {
            Path file = dir.resolve(name);
            Files.copy(in, file);
            return file;
        }
    }
}
