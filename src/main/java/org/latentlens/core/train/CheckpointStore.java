package org.latentlens.core.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Training checkpoints in a folder: every variable (weights, EMA weights, optimizer state) by name, plus
 * the step and learning rates.
 *
 * <p>A checkpoint is written to a temporary file, forced to disk, then renamed into place, and ends with a
 * CRC32: a process killed mid-write leaves the previous checkpoint intact, and a damaged file is detected
 * and skipped rather than loaded. The newest {@value #KEEP} checkpoints are kept.
 */
public final class CheckpointStore {
    static final int KEEP = 2;
    private static final int MAGIC = 0x4C4C434B; // "LLCK"
    private static final int VERSION = 1;
    private static final Pattern NAME = Pattern.compile("checkpoint-(\\d+)\\.bin");

    private final Path dir;

    /** A store in {@code dir}, created on first save. */
    public CheckpointStore(Path dir) {
        this.dir = dir;
    }

    public Path directory() {
        return dir;
    }

    /** Writes a checkpoint atomically and prunes old ones. */
    public void save(Checkpoint c) throws IOException {
        Files.createDirectories(dir);
        cleanStale();
        Path tmp = dir.resolve("checkpoint-" + c.step() + ".bin.tmp");
        try (OutputStream file = Files.newOutputStream(tmp)) {
            write(c, file);
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(
                tmp,
                dir.resolve("checkpoint-" + c.step() + ".bin"),
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        List<Path> all = list();
        for (int i = KEEP; i < all.size(); i++) {
            Files.deleteIfExists(all.get(i));
        }
    }

    /** Serialises {@code c} to {@code out}; exposed so tests can interrupt a write half-way. */
    static void write(Checkpoint c, OutputStream out) throws IOException {
        CRC32 crc = new CRC32();
        DataOutputStream data =
                new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(out, 1 << 16), crc));
        data.writeInt(MAGIC);
        data.writeInt(VERSION);
        data.writeLong(c.step());
        data.writeInt(c.scalars().size());
        for (Map.Entry<String, Double> e : c.scalars().entrySet()) {
            data.writeUTF(e.getKey());
            data.writeDouble(e.getValue());
        }
        data.writeInt(c.values().size());
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (Map.Entry<String, float[]> e : c.values().entrySet()) {
            data.writeUTF(e.getKey());
            float[] v = e.getValue();
            data.writeInt(v.length);
            for (int i = 0; i < v.length; i += buf.capacity() / 4) {
                buf.clear();
                int n = Math.min(buf.capacity() / 4, v.length - i);
                buf.asFloatBuffer().put(v, i, n);
                data.write(buf.array(), 0, n * 4);
            }
        }
        data.flush();
        // The checksum covers everything before it; written raw after the checked stream.
        DataOutputStream tail = new DataOutputStream(out);
        tail.writeLong(crc.getValue());
        tail.flush();
    }

    /** Removes temporary files a killed run left behind; returns how many. */
    public int cleanStale() throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int n = 0;
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().matches("checkpoint-\\d+\\.bin\\.tmp"))
                    .toList()) {
                if (Files.deleteIfExists(p)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Checkpoint files, newest first (temporary files, and names whose step is not a number we can hold, never). */
    public List<Path> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.filter(p -> stepOf(p) >= 0)
                    .sorted(Comparator.comparingLong(CheckpointStore::stepOf).reversed())
                    .toList();
        }
    }

    /** The newest checkpoint that reads back whole with finite values; damaged ones are skipped. */
    public Optional<Checkpoint> latest() throws IOException {
        for (Path p : list()) {
            try {
                Checkpoint c = read(p);
                for (var e : c.values().entrySet()) {
                    for (float v : e.getValue()) {
                        if (!Float.isFinite(v)) {
                            throw new IOException(
                                    "variable " + e.getKey() + " holds NaN or infinity (the run had diverged)");
                        }
                    }
                }
                return Optional.of(c);
            } catch (IOException e) {
                System.err.println("Skipping damaged checkpoint " + p.getFileName() + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Reads one checkpoint file, verifying its checksum. */
    public static Checkpoint read(Path file) throws IOException {
        long size = Files.size(file);
        if (size < 8) {
            throw new IOException("file is truncated");
        }
        CRC32 crc = new CRC32();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            DataInputStream data = new DataInputStream(new CheckedInputStream(new LimitedStream(raw, size - 8), crc));
            if (data.readInt() != MAGIC) {
                throw new IOException("not a Latent Lens checkpoint");
            }
            int version = data.readInt();
            if (version != VERSION) {
                throw new IOException("checkpoint version " + version + " is not supported");
            }
            long step = data.readLong();
            int scalarCount = data.readInt();
            Map<String, Double> scalars = new LinkedHashMap<>();
            for (int i = 0; i < scalarCount; i++) {
                scalars.put(data.readUTF(), data.readDouble());
            }
            int count = data.readInt();
            Map<String, float[]> values = new LinkedHashMap<>();
            byte[] bytes = new byte[1 << 16];
            for (int i = 0; i < count; i++) {
                String name = data.readUTF();
                int n = data.readInt();
                if (n < 0 || 4L * n > size) {
                    throw new IOException("variable " + name + " has a bad length");
                }
                float[] v = new float[n];
                for (int off = 0; off < n; off += bytes.length / 4) {
                    int k = Math.min(bytes.length / 4, n - off);
                    data.readFully(bytes, 0, k * 4);
                    ByteBuffer.wrap(bytes, 0, k * 4)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .asFloatBuffer()
                            .get(v, off, k);
                }
                values.put(name, v);
            }
            long expected = new DataInputStream(raw).readLong();
            if (expected != crc.getValue()) {
                throw new IOException("checksum mismatch (the file was damaged or only partly written)");
            }
            return new Checkpoint(step, scalars, values);
        } catch (EOFException e) {
            throw new IOException("file is truncated", e);
        }
    }

    private static long stepOf(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (!m.matches()) {
            return -1;
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return -1; // checkpoint-99999999999999999999.bin: not ours, never read or pruned
        }
    }

    /** Reads at most {@code limit} bytes of the underlying stream, leaving the rest (the checksum) unread. */
    private static final class LimitedStream extends InputStream {
        private final InputStream in;
        private long left;

        LimitedStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    /** Names of the stored steps, for messages. */
    public List<Long> steps() throws IOException {
        List<Long> out = new ArrayList<>();
        for (Path p : list()) {
            out.add(stepOf(p));
        }
        return out;
    }
}
