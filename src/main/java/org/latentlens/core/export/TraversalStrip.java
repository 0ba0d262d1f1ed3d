package org.latentlens.core.export;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.latentlens.core.image.ContactSheet;
import org.latentlens.core.image.ImageConversion;
import org.latentlens.core.io.SafeFiles;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.LatentDimension;
import org.latentlens.core.model.LatentLayout;

/**
 * A traversal: for each base code and each chosen dimension, one row of images with that dimension swept
 * across its range in {@code steps} steps, the rest of the code held.
 *
 * @param dimensions the swept dimensions (layout indices), one block of rows each
 * @param baseCodes the codes the sweeps start from
 * @param steps images per row
 * @param codes every code rendered, row after row
 * @param images the rendered images, row after row
 */
public record TraversalStrip(
        int[] dimensions, List<float[]> baseCodes, int steps, List<float[]> codes, List<BufferedImage> images) {

    /** Renders the traversal with {@code model}. */
    public static TraversalStrip render(GanModel model, int[] dimensions, List<float[]> baseCodes, int steps) {
        if (steps < 2) {
            throw new IllegalArgumentException("a traversal needs at least 2 steps");
        }
        LatentLayout layout = model.manifest().latent();
        List<float[]> codes = new ArrayList<>();
        for (float[] base : baseCodes) {
            for (int dim : dimensions) {
                LatentDimension d = layout.get(dim);
                for (int s = 0; s < steps; s++) {
                    float[] z = base.clone();
                    z[dim] = d.at((double) s / (steps - 1));
                    codes.add(z);
                }
            }
        }
        List<BufferedImage> images = new ArrayList<>();
        for (int from = 0; from < codes.size(); from += 64) {
            ImageBatch batch =
                    model.generate(FloatMatrix.ofRows(codes.subList(from, Math.min(codes.size(), from + 64))));
            for (int i = 0; i < batch.count(); i++) {
                images.add(
                        ImageConversion.toImage(batch.image(i), model.manifest().image()));
            }
        }
        return new TraversalStrip(dimensions.clone(), List.copyOf(baseCodes), steps, codes, images);
    }

    /** One row from code {@code a} to code {@code b} in {@code steps} linear steps (interpolation strip). */
    public static TraversalStrip interpolation(GanModel model, float[] a, float[] b, int steps) {
        if (steps < 2) {
            throw new IllegalArgumentException("an interpolation needs at least 2 steps");
        }
        List<float[]> codes = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            float t = (float) s / (steps - 1);
            float[] z = new float[a.length];
            for (int i = 0; i < z.length; i++) {
                z[i] = a[i] + t * (b[i] - a[i]);
            }
            codes.add(z);
        }
        ImageBatch batch = model.generate(FloatMatrix.ofRows(codes));
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < batch.count(); i++) {
            images.add(ImageConversion.toImage(batch.image(i), model.manifest().image()));
        }
        return new TraversalStrip(new int[0], List.of(a.clone(), b.clone()), steps, codes, images);
    }

    /** Number of rows in the grid. */
    public int rows() {
        return images.size() / steps;
    }

    /** All rows as one grid image. */
    public BufferedImage grid() {
        return ContactSheet.grid(images, steps, 2);
    }

    /**
     * The grid with each row named after what it sweeps (the dimension, and which base code when there are several)
     * and each column headed by the slider value it shows; an interpolation's columns show the mix, 0 to 1.
     */
    public BufferedImage labelledGrid(LatentLayout layout) {
        return ContactSheet.labelledGrid(images, steps, 2, rowLabels(layout), columnLabels(layout));
    }

    /** One label per row. */
    public List<String> rowLabels(LatentLayout layout) {
        List<String> labels = new ArrayList<>();
        if (dimensions.length == 0) {
            labels.add("A to B");
            return labels;
        }
        for (int b = 0; b < baseCodes.size(); b++) {
            for (int dim : dimensions) {
                String name = layout.get(dim).name().replace('_', ' ');
                labels.add(baseCodes.size() == 1 ? name : name + " (" + (b + 1) + ")");
            }
        }
        return labels;
    }

    /**
     * One label per column: the swept value when every row sweeps the same range, else the share of the range
     * ("0%" to "100%"); an interpolation's mix.
     */
    public List<String> columnLabels(LatentLayout layout) {
        boolean sameRange = Arrays.stream(dimensions)
                        .mapToObj(layout::get)
                        .map(d -> d.min() + ":" + d.max())
                        .distinct()
                        .count()
                <= 1;
        List<String> labels = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            double t = (double) s / (steps - 1);
            if (dimensions.length == 0) {
                labels.add(String.format(Locale.ROOT, "%.2f", t));
            } else if (sameRange) {
                labels.add(String.format(
                        Locale.ROOT, "%+.2f", layout.get(dimensions[0]).at(t)));
            } else {
                labels.add(String.format(Locale.ROOT, "%.0f%%", 100 * t));
            }
        }
        return labels;
    }

    /** Frame {@code t} of the animation: column {@code t} of every row, stacked. */
    public BufferedImage frame(int t) {
        List<BufferedImage> column = new ArrayList<>();
        for (int r = 0; r < rows(); r++) {
            column.add(images.get(r * steps + t));
        }
        return ContactSheet.grid(column, 1, 2);
    }

    /**
     * Writes {@code base.png} (the grid), {@code base.gif} (an animation sweeping back and forth) and
     * {@code base.json} (every code used), returning the three paths.
     */
    public List<Path> write(Path base, LatentLayout layout) throws IOException {
        return write(base, layout, false);
    }

    /** As {@link #write(Path, LatentLayout)}; {@code labelled}: the PNG grid is {@link #labelledGrid}. */
    public List<Path> write(Path base, LatentLayout layout, boolean labelled) throws IOException {
        Path dir = base.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        String stem = base.getFileName().toString().replaceFirst("\\.(png|gif|json)$", "");
        Path png = base.resolveSibling(stem + ".png");
        Path gif = base.resolveSibling(stem + ".gif");
        Path json = base.resolveSibling(stem + ".json");
        for (Path p : List.of(png, gif, json)) {
            if (Files.isDirectory(p)) {
                throw new IOException(
                        p.toAbsolutePath() + " is a folder; choose another output name (nothing was written)");
            }
        }
        if (dir != null) {
            SafeFiles.cleanStale(dir);
        }
        BufferedImage grid = labelled ? labelledGrid(layout) : grid();
        SafeFiles.write(png, tmp -> {
            if (!ImageIO.write(grid, "png", tmp.toFile())) {
                throw new IOException("no PNG writer for " + png);
            }
        });
        List<BufferedImage> frames = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            frames.add(frame(t));
        }
        for (int t = steps - 2; t > 0; t--) {
            frames.add(frame(t));
        }
        SafeFiles.write(gif, tmp -> GifWriter.write(frames, 120, tmp));
        SafeFiles.writeString(json, sidecar(layout));
        return List.of(png, gif, json);
    }

    private String sidecar(LatentLayout layout) {
        JsonObject root = new JsonObject();
        JsonArray dims = new JsonArray();
        for (int d : dimensions) {
            dims.add(layout.get(d).name());
        }
        root.add("dimensions", dims);
        root.addProperty("steps", steps);
        JsonArray names = new JsonArray();
        layout.dimensions().forEach(d -> names.add(d.name()));
        root.add("latentNames", names);
        root.add("baseCodes", toJson(baseCodes));
        root.addProperty(
                "layout",
                dimensions.length == 0
                        ? "one row from the first base code to the second, linear steps"
                        : "rows = base code x dimension, columns = steps from min to max");
        root.add("codes", toJson(codes));
        return new GsonBuilder().setPrettyPrinting().create().toJson(root);
    }

    private static JsonArray toJson(List<float[]> rows) {
        JsonArray out = new JsonArray();
        for (float[] row : rows) {
            JsonArray a = new JsonArray();
            for (float v : row) {
                a.add(v);
            }
            out.add(a);
        }
        return out;
    }
}
