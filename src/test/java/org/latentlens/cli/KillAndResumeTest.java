package org.latentlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.Main;
import org.latentlens.core.io.SafeFiles;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ManifestJson;
import org.latentlens.core.train.CheckpointStore;
import org.latentlens.tensorflow.DjlModelLoader;

/**
 * {@code kill -9} at random moments of training and export, each time in a fresh {@code latent-lens} process:
 * the next run resumes from the newest complete checkpoint, the newest checkpoint file is always whole, the
 * bundle always loads once it has been exported, and the next successful run leaves no temporary behind.
 */
class KillAndResumeTest {
    /** Kills while the training loop runs (steps, checkpoints and sample grids). */
    static final int TRAINING_KILLS = 5;
    /** Kills while a bundle is being exported: at the end of training, and by {@code latent-lens export}. */
    static final int EXPORT_KILLS = 5;

    private static final Pattern RESUMED = Pattern.compile("Resuming at step (\\d+) of");
    private static final long SEED = System.nanoTime();

    /** Kept when the test fails: the run folder and every child's output (child-N.log) show what happened. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    private final Random random = new Random(SEED);
    private final List<String> history = new ArrayList<>();
    private Path run;
    private int children;
    private long started;

    @Test
    void killedAtRandomMomentsTheRunResumesAndTheNextRunLeavesNoTemporary() throws Exception {
        run = tmp.resolve("run");
        for (int kills = 0; kills < TRAINING_KILLS; kills++) {
            long from = newestCompleteStep();
            Process child = start(train(10_000));
            // Kill some time after the loop has stepped past where this process began.
            assertTrue(
                    await(child, () -> newestStepOnDisk() > Math.max(from, 0)), () -> "no new checkpoint: " + output());
            killAfter(child, random.nextInt(700), "training");
            checkAfterKill(from);
        }
        int exportKills = 0;
        // Kills land at a random moment within this many milliseconds of the export starting to write; a machine fast
        // enough to finish exports sooner halves it.
        int window = 300;
        for (int attempt = 0; exportKills < EXPORT_KILLS; attempt++) {
            assertTrue(attempt < 4 * EXPORT_KILLS, "exports kept finishing before the kill: " + history);
            long from = newestCompleteStep();
            boolean atEndOfTraining = attempt % 2 == 0;
            List<String> earlier = names(".saved_model.writing-");
            Process child = start(atEndOfTraining ? train(from + 2) : new String[] {"export", run.toString()});
            // A killed export's staging folder may still be there: wait for this child's own.
            if (!await(child, () -> !earlier.containsAll(names(".saved_model.writing-")))) {
                assertEquals(0, child.waitFor(), () -> "a child finished without exporting: " + output());
                continue;
            }
            if (killAfter(
                    child,
                    random.nextInt(window),
                    atEndOfTraining ? "export at the end of training" : "latent-lens export")) {
                exportKills++;
            } else {
                window = Math.max(20, window / 2);
            }
            checkAfterKill(atEndOfTraining ? from : -1);
        }
        plantStaleTemporaries();
        long from = newestCompleteStep();
        Process last = start(train(from + 2));
        assertTrue(last.waitFor(2, TimeUnit.MINUTES), "the final run did not end");
        assertEquals(0, last.exitValue(), output());
        assertEquals(from, resumedAt().orElseThrow(), output());
        assertEquals(List.of(), staleTemporaries(), "after a successful run; " + history);
        try (GanModel model = new DjlModelLoader().load(run)) {
            assertEquals(from + 2, model.manifest().training().steps());
        }
        System.out.println("KillAndResumeTest (seed " + SEED + "): " + String.join("; ", history));
    }

    /** {@code latent-lens train} arguments for a tiny model (16 px) that checkpoints every other step. */
    private String[] train(long steps) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "train",
                "--data",
                "synthetic",
                "--size",
                "16",
                "--channels",
                "4",
                "--free",
                "2",
                "--attributes",
                "Smiling,Eyeglasses",
                "--batch",
                "4",
                "--checkpoint-every",
                "2",
                "--sample-every",
                "3",
                "--steps",
                String.valueOf(steps),
                "--out",
                run.toString()));
        if (newestCompleteStep() >= 0) {
            args.add("--resume");
        }
        return args.toArray(String[]::new);
    }

    private Process start(String... args) throws IOException {
        // Short-lived children: the quick JIT tier and one GC thread leave the two cores of CI to TensorFlow.
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child-" + ++children + ".log").toFile());
        builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
        started = System.nanoTime();
        return builder.start();
    }

    /** Waits until {@code condition} holds while {@code child} runs; false when the child ended first. */
    private static boolean await(Process child, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            if (!child.isAlive()) {
                return condition.getAsBoolean();
            }
            if (System.nanoTime() > deadline) {
                child.destroyForcibly();
                fail("timed out waiting for the child");
            }
            LockSupport.parkNanos(
                    2_000_000); // polls the run folder; a kill lands within a few milliseconds of its moment
        }
        return true;
    }

    /** SIGKILL after {@code millis}; false when the child had already finished on its own. */
    private boolean killAfter(Process child, int millis, String phase) throws Exception {
        boolean finished = child.waitFor(millis, TimeUnit.MILLISECONDS);
        if (!finished) {
            child.destroyForcibly().waitFor();
        }
        history.add(String.format(
                Locale.ROOT,
                "%s %s %d ms after it was seen there (%.1f s after start), left %s",
                finished ? "finished before the kill in" : "killed in",
                phase,
                millis,
                (System.nanoTime() - started) / 1e9,
                staleTemporaries()));
        return !finished;
    }

    /**
     * What every kill must leave: a whole newest checkpoint, a run that resumed where the previous one had a complete
     * checkpoint ({@code resumedFrom}, or -1 when that child did not train), and a bundle that loads once exported.
     */
    private void checkAfterKill(long resumedFrom) throws Exception {
        List<Path> files = new CheckpointStore(run.resolve("checkpoints")).list();
        assertTrue(!files.isEmpty(), "no checkpoint after a kill: " + output());
        CheckpointStore.read(files.get(0)); // throws if the newest checkpoint is not whole
        if (resumedFrom >= 0) {
            // Every kill comes after the child was seen training or exporting, so it has said where it resumed.
            assertEquals(Optional.of(resumedFrom), resumedAt(), output());
        }
        if (Files.exists(run.resolve(ManifestJson.FILE_NAME))) {
            try (GanModel model = new DjlModelLoader().load(run)) {
                model.generate(FloatMatrix.ofRow(model.manifest().latent().defaults()));
            }
        }
    }

    /** Temporaries of the kinds a killed run can leave, to prove the next run removes every kind. */
    private void plantStaleTemporaries() throws IOException {
        Files.writeString(run.resolve("checkpoints/checkpoint-1.bin.tmp"), "killed while checkpointing");
        Files.createDirectories(run.resolve(".saved_model.writing-1"));
        Files.writeString(run.resolve(".saved_model.writing-1/saved_model.pb"), "killed while exporting");
        Files.createDirectories(run.resolve(".saved_model.old-1"));
        Files.writeString(run.resolve(SafeFiles.TEMP_PREFIX + "1-manifest.json"), "{");
        Files.createDirectories(run.resolve("samples"));
        Files.writeString(run.resolve("samples/" + SafeFiles.TEMP_PREFIX + "1-step-0000001.png"), "half a picture");
    }

    /** Temporaries in the run folder, its checkpoints and its samples (a staging folder counts once). */
    private List<String> staleTemporaries() throws IOException {
        try (Stream<Path> all = Files.walk(run, 2)) {
            return all.filter(p -> isTemporary(p.getFileName().toString())
                            && !isTemporary(p.getParent().getFileName().toString()))
                    .map(p -> run.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    private static boolean isTemporary(String name) {
        return name.endsWith(".tmp")
                || name.startsWith(".saved_model.writing-")
                || name.startsWith(".saved_model.old-")
                || name.startsWith(SafeFiles.TEMP_PREFIX);
    }

    private long newestCompleteStep() throws IOException {
        return new CheckpointStore(run.resolve("checkpoints"))
                .latest()
                .map(c -> c.step())
                .orElse(-1L);
    }

    /** The step of the newest checkpoint file by name (whole or not): cheap enough to poll. */
    private long newestStepOnDisk() {
        try {
            List<Long> steps = new CheckpointStore(run.resolve("checkpoints")).steps();
            return steps.isEmpty() ? -1 : steps.get(0);
        } catch (IOException e) {
            return -1; // the folder is being created
        }
    }

    /** Names in the run folder that start with {@code prefix}. */
    private List<String> names(String prefix) {
        try (Stream<Path> files = Files.list(run)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith(prefix))
                    .toList();
        } catch (IOException e) {
            return List.of(); // the run folder is not there yet, or a listed entry was just renamed
        }
    }

    private Optional<Long> resumedAt() throws IOException {
        Matcher m = RESUMED.matcher(output());
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    /** What the newest child printed. */
    private String output() {
        try {
            return Files.readString(tmp.resolve("child-" + children + ".log"));
        } catch (IOException e) {
            return "(its output cannot be read: " + e.getMessage() + ")";
        }
    }
}
