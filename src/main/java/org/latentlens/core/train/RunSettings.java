package org.latentlens.core.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.latentlens.core.io.SafeFiles;

/** The {@code run.json} of a run folder: the settings a resumed run must continue with. */
public final class RunSettings {
    /** File name inside a run folder. */
    public static final String FILE_NAME = "run.json";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private RunSettings() {}

    /** Writes the settings of a new run. */
    public static void write(TrainingConfig config, Path runDir) throws IOException {
        Files.createDirectories(runDir);
        SafeFiles.writeString(runDir.resolve(FILE_NAME), GSON.toJson(config));
    }

    /** Reads the settings of an existing run. */
    public static TrainingConfig read(Path runDir) throws IOException {
        try {
            TrainingConfig c = GSON.fromJson(
                    Files.readString(runDir.resolve(FILE_NAME), StandardCharsets.UTF_8), TrainingConfig.class);
            if (c == null) {
                throw new IOException(FILE_NAME + " is empty");
            }
            return c;
        } catch (NoSuchFileException e) {
            throw new IOException(runDir + " has no " + FILE_NAME + "; it is not a training run folder", e);
        } catch (com.google.gson.JsonParseException e) {
            throw new IOException(runDir.resolve(FILE_NAME) + " is damaged: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // The config validates itself; Gson wraps what its constructor throws.
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IOException(
                    runDir.resolve(FILE_NAME) + " holds a setting that cannot be used: " + root.getMessage()
                            + ". Fix that value in the file, or start a new run in another folder.",
                    e);
        }
    }
}
