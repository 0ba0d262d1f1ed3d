package org.latentlens.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeFilesTest {
    @TempDir
    Path tmp;

    @Test
    void aWriteThatDiesHalfwayLeavesTheOldFileAndNoTemporary() throws Exception {
        Path target = Files.writeString(tmp.resolve("strip.png"), "old and good");
        assertThrows(
                IOException.class,
                () -> SafeFiles.write(target, t -> {
                    Files.writeString(t, "half a fi");
                    throw new IOException("killed");
                }));
        assertEquals("old and good", Files.readString(target));
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count());
        }
        SafeFiles.writeString(target, "new");
        assertEquals("new", Files.readString(target));
    }

    @Test
    void folderTargetsAreRefusedAndStaleTemporariesCleaned() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("x.png"));
        var e = assertThrows(IOException.class, () -> SafeFiles.writeString(folder, "x"));
        assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
        assertTrue(Files.isDirectory(folder));
        Path stale = Files.writeString(tmp.resolve(SafeFiles.TEMP_PREFIX + "1234-a.gif"), "x");
        Path other = Files.writeString(tmp.resolve("a.gif"), "x");
        assertEquals(1, SafeFiles.cleanStale(tmp));
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(other));
    }
}
