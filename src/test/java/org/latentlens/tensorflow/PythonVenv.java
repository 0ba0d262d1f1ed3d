package org.latentlens.tensorflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Python environment the Keras and ONNX tests run in: a venv with the pins of
 * {@code src/main/python/requirements.txt}, built once by {@code src/test/python/ensure_venv.py} under
 * {@code ~/.cache/latent-lens/python-<hash>} and reused afterwards. Every failure is an {@link AssertionError}
 * with a message that says what to fix, so a test that needs Python fails rather than skips when Python is
 * missing.
 */
public final class PythonVenv {
    /** System property naming the Python 3 that builds the venv; {@code python3} on the PATH by default. */
    public static final String PYTHON_PROPERTY = "latentlens.python3";

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(25);
    private static final int LOG_TAIL_LINES = 40;

    private PythonVenv() {}

    /** The repository root: Maven's {@code basedir}, else the working folder. */
    public static Path repoRoot() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .toAbsolutePath();
    }

    /**
     * Returns the venv's interpreter, building the venv first if it is missing (minutes, once).
     *
     * @param logDir where {@code ensure_venv.log} goes
     */
    public static Path ensure(Path logDir) throws IOException, InterruptedException {
        Path root = repoRoot();
        String python3 = System.getProperty(PYTHON_PROPERTY, "python3");
        Path script = root.resolve("src/test/python/ensure_venv.py");
        Path out = logDir.resolve("ensure_venv.out");
        Path log = logDir.resolve("ensure_venv.log");
        int code = run(
                List.of(python3, script.toString()),
                Map.of(),
                out,
                log,
                BUILD_TIMEOUT,
                "Python 3 ('" + python3 + "') could not be started. The Keras and ONNX tests need Python 3.10 or newer"
                        + " with the venv module (Debian/Ubuntu: apt install python3 python3-venv) on the PATH, or"
                        + " -D" + PYTHON_PROPERTY + "=/path/to/python3.");
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        if (code != 0 || lines.isEmpty()) {
            throw new AssertionError("Could not set up the Python venv for the Keras and ONNX tests (" + script
                    + " exited with " + code
                    + "). It installs src/main/python/requirements.txt with pip, so it needs a package"
                    + " index that has those versions. Log: " + log + "\n" + tail(log));
        }
        Path interpreter = Path.of(lines.get(lines.size() - 1).strip());
        if (!Files.isExecutable(interpreter)) {
            throw new AssertionError(script + " named " + interpreter + ", which is not an executable. Log: " + log);
        }
        return interpreter;
    }

    /**
     * Runs a command with standard output and error in files and returns its exit code.
     *
     * @param notStarted the message of the {@link AssertionError} thrown when the program cannot be started
     * @throws AssertionError when it cannot start or runs past {@code timeout} (it is killed then)
     */
    public static int run(
            List<String> command,
            Map<String, String> environment,
            Path stdout,
            Path stderr,
            Duration timeout,
            String notStarted)
            throws IOException, InterruptedException {
        Files.createDirectories(stdout.toAbsolutePath().getParent());
        Files.createDirectories(stderr.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(repoRoot().toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError(notStarted + " (" + e.getMessage() + ")", e);
        }
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError(String.join(" ", command) + " ran longer than " + timeout.toMinutes()
                        + " minutes and was stopped. Log: " + stderr + "\n" + tail(stderr));
            }
            return process.exitValue();
        } finally {
            process.destroyForcibly();
        }
    }

    /** The last lines of a log file, for failure messages. */
    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(
                    "\n", new ArrayList<>(lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
