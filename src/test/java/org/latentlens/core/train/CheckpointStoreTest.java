package org.latentlens.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
    @TempDir
    Path tmp;

    static Checkpoint checkpoint(long step, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = step + i * 0.5f;
        }
        return new Checkpoint(
                step, Map.of("learningRate", 1e-4), Map.of("G.fc.w", v, "opt.m.G.fc.w", new float[] {1, 2}));
    }

    @Test
    void roundTripsAndKeepsTheNewestTwo() throws Exception {
        CheckpointStore store = new CheckpointStore(tmp);
        for (long s = 1; s <= 4; s++) {
            store.save(checkpoint(s, 1000));
        }
        assertEquals(List.of(4L, 3L), store.steps());
        Checkpoint back = store.latest().orElseThrow();
        assertEquals(4, back.step());
        assertEquals(1e-4, back.scalars().get("learningRate"));
        assertArrayEquals(
                checkpoint(4, 1000).values().get("G.fc.w"), back.values().get("G.fc.w"));
    }

    @Test
    void aWriteInterruptedHalfWayLeavesThePreviousCheckpointLoadable() throws Exception {
        CheckpointStore store = new CheckpointStore(tmp);
        store.save(checkpoint(1, 100_000));
        // The process dies while writing step 2: only part of the temporary file reaches the disk.
        Path partial = tmp.resolve("checkpoint-2.bin.tmp");
        try (OutputStream out = new DyingStream(Files.newOutputStream(partial), 50_000)) {
            assertThrows(IOException.class, () -> CheckpointStore.write(checkpoint(2, 100_000), out));
        }
        assertEquals(1, store.latest().orElseThrow().step());
    }

    @Test
    void aDamagedCheckpointIsDetectedAndSkipped() throws Exception {
        CheckpointStore store = new CheckpointStore(tmp);
        store.save(checkpoint(1, 1000));
        store.save(checkpoint(2, 1000));
        Path newest = tmp.resolve("checkpoint-2.bin");
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(newest, bytes);
        IOException e = assertThrows(IOException.class, () -> CheckpointStore.read(newest));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        assertEquals(1, store.latest().orElseThrow().step());
        Files.write(newest, Arrays.copyOf(bytes, 40));
        assertEquals(1, store.latest().orElseThrow().step(), "a truncated file is skipped too");
    }

    @Test
    void aProcessKilledWhileWritingCheckpointsLeavesALoadableOne() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        CheckpointWriterProcess.class.getName(),
                        tmp.toString())
                .inheritIO()
                .start();
        try {
            // Wait until at least one checkpoint is done and the next is being written, then kill -9.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                boolean done = new CheckpointStore(tmp).list().size() >= 1;
                boolean writing;
                try (var files = Files.list(tmp)) {
                    writing = files.anyMatch(f -> f.toString().endsWith(".tmp"));
                }
                if (done && writing) {
                    break;
                }
                Thread.onSpinWait();
            }
        } finally {
            p.destroyForcibly().waitFor();
        }
        Checkpoint c = new CheckpointStore(tmp).latest().orElseThrow();
        assertTrue(c.step() >= 1);
        assertEquals(2_000_000, c.values().get("G.fc.w").length);
    }

    /** An output stream that fails after {@code limit} bytes, like a process killed mid-write. */
    private static final class DyingStream extends OutputStream {
        private final OutputStream out;
        private long left;

        DyingStream(OutputStream out, long limit) {
            this.out = out;
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            if (left-- <= 0) {
                throw new IOException("killed");
            }
            out.write(b);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    @Test
    void strayNamesAndDivergedCheckpointsFallBackToTheNewestGoodOne() throws Exception {
        CheckpointStore store = new CheckpointStore(tmp);
        store.save(checkpoint(300, 10));
        Files.writeString(tmp.resolve("checkpoint-99999999999999999999.bin"), "not ours");
        Checkpoint nan = checkpoint(400, 10);
        nan.values().get("G.fc.w")[3] = Float.NaN;
        store.save(nan);
        assertEquals(300, store.latest().orElseThrow().step(), "the NaN checkpoint is skipped");
        assertTrue(
                Files.exists(tmp.resolve("checkpoint-99999999999999999999.bin")),
                "a stray file is neither read nor pruned");
        Files.writeString(tmp.resolve("checkpoint-500.bin.tmp"), "killed while writing");
        store.save(checkpoint(600, 10));
        assertTrue(
                !Files.exists(tmp.resolve("checkpoint-500.bin.tmp")), "stale temporaries are cleaned on the next save");
    }
}
