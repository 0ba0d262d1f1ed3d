package org.latentlens.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes every output to a temporary name in its target folder, then renames it over the target: a kill at
 * any moment leaves either the old file or the new one, never a truncated mix. Targets that are folders are
 * refused, and temporaries left by killed runs are removed by {@link #cleanStale}.
 */
public final class SafeFiles {
    /** Prefix of every temporary this class creates (dot-files, so file browsers hide them). */
    public static final String TEMP_PREFIX = ".latent-lens-writing-";

    /** Writes the whole output into the path it is given. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temporary) throws IOException;
    }

    private SafeFiles() {}

    /** Writes {@code target} through {@code writer}, atomically replacing any earlier file. */
    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new IOException(absolute + " is a folder; choose a file name (nothing was written)");
        }
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(
                TEMP_PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-" + absolute.getFileName());
        try {
            writer.writeTo(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Text output, UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    /** Removes temporaries a killed run left in {@code dir}; returns how many. */
    public static int cleanStale(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
            for (Path f : files) {
                if (Files.isRegularFile(f) && Files.deleteIfExists(f)) {
                    n++;
                }
            }
        }
        return n;
    }
}
