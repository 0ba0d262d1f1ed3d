package org.latentlens.core.data.synthetic;

import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import javax.imageio.ImageIO;
import org.latentlens.core.io.SafeFiles;

/**
 * Writes synthetic faces as a folder in the CelebA layout ({@code images/}, {@code list_attr.txt}) plus
 * {@code list_factors.txt} with the continuous ground truth, so any tool that reads CelebA reads them.
 */
public final class SyntheticExport {
    /** Name of the file holding the continuous factors. */
    public static final String FACTORS_FILE = "list_factors.txt";

    private SyntheticExport() {}

    /**
     * Renders {@code count} faces of {@code seed} at {@code size} pixels into {@code out} on {@code threads}
     * threads, reporting each finished image to {@code progress}.
     */
    public static void write(long seed, int count, int size, Path out, int threads, IntConsumer progress)
            throws IOException {
        if (size < 32 || size > 256) {
            throw new IllegalArgumentException("synthetic faces are drawn from 32 to 256 pixels, not " + size);
        }
        Path images = out.resolve("images");
        Files.createDirectories(images);
        SafeFiles.cleanStale(images);
        SafeFiles.cleanStale(out);
        SyntheticFaces faces = new SyntheticFaces(seed);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                final int index = i;
                jobs.add(pool.submit(() -> {
                    BufferedImage face = faces.image(index, size);
                    SafeFiles.write(images.resolve(fileName(index)), tmp -> ImageIO.write(face, "png", tmp.toFile()));
                    progress.accept(done.incrementAndGet());
                    return null;
                }));
            }
            for (Future<?> job : jobs) {
                job.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException("writing an image failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        writeLists(faces, count, out);
    }

    private static void writeLists(SyntheticFaces faces, int count, Path out) throws IOException {
        SafeFiles.write(
                out.resolve("list_attr.txt"),
                attrFile -> SafeFiles.write(
                        out.resolve(FACTORS_FILE), factorFile -> writeLists(faces, count, attrFile, factorFile)));
    }

    private static void writeLists(SyntheticFaces faces, int count, Path attrFile, Path factorFile) throws IOException {
        try (BufferedWriter attr = Files.newBufferedWriter(attrFile, StandardCharsets.UTF_8);
                BufferedWriter fac = Files.newBufferedWriter(factorFile, StandardCharsets.UTF_8)) {
            attr.write(count + "\n" + String.join(" ", FaceFactors.ATTRIBUTES) + "\n");
            fac.write(count + "\n" + String.join(" ", FaceFactors.FACTORS) + "\n");
            for (int i = 0; i < count; i++) {
                FaceFactors f = faces.factors(i);
                StringBuilder a = new StringBuilder(fileName(i));
                for (int v : f.attributes()) {
                    a.append(v > 0 ? "  1" : " -1");
                }
                attr.write(a.append('\n').toString());
                StringBuilder c = new StringBuilder(fileName(i));
                for (double v : f.continuous()) {
                    c.append(String.format(Locale.ROOT, " %.5f", v));
                }
                fac.write(c.append('\n').toString());
            }
        }
    }

    /** File name of face {@code index}: six digits from 000001, as in CelebA. */
    public static String fileName(int index) {
        return String.format(Locale.ROOT, "%06d.png", index + 1);
    }
}
