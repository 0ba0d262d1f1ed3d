package org.latentlens.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Saliency for models that export no gradient map: occlusion sensitivity (Zeiler and Fergus, 2014). Each cell of
 * a {@value #GRID}x{@value #GRID} grid is painted mid-grey in turn and the whole batch of occluded copies goes
 * through {@link GanModel#discriminate} at once; a cell's saliency is how far its occlusion moves the realism
 * score. Coarser than a gradient map, but it needs nothing from the model beyond what every discriminator has.
 */
public final class OcclusionSaliency {
    /** Cells per side. */
    public static final int GRID = 8;

    private OcclusionSaliency() {}

    /** One map per image, each {@code H x W}, non-negative. */
    public static SaliencyMaps compute(GanModel model, ImageBatch images) {
        int h = images.height();
        int w = images.width();
        int c = images.channels();
        float grey =
                (model.manifest().image().minValue() + model.manifest().image().maxValue()) / 2;
        float[] maps = new float[images.count() * h * w];
        for (int n = 0; n < images.count(); n++) {
            float[] original = images.image(n);
            List<float[]> batch = new ArrayList<>();
            batch.add(original);
            for (int cell = 0; cell < GRID * GRID; cell++) {
                float[] copy = original.clone();
                forEachPixel(cell, h, w, (y, x) -> {
                    for (int k = 0; k < c; k++) {
                        copy[(y * w + x) * c + k] = grey;
                    }
                });
                batch.add(copy);
            }
            float[] scores = model.discriminate(ImageBatch.of(batch, h, w, c)).realism();
            int base = n * h * w;
            for (int cell = 0; cell < GRID * GRID; cell++) {
                float change = Math.abs(scores[0] - scores[cell + 1]);
                forEachPixel(cell, h, w, (y, x) -> maps[base + y * w + x] = change);
            }
        }
        return new SaliencyMaps(images.count(), h, w, maps);
    }

    private interface PixelAction {
        void at(int y, int x);
    }

    private static void forEachPixel(int cell, int h, int w, PixelAction action) {
        int row = cell / GRID;
        int col = cell % GRID;
        for (int y = row * h / GRID; y < (row + 1) * h / GRID; y++) {
            for (int x = col * w / GRID; x < (col + 1) * w / GRID; x++) {
                action.at(y, x);
            }
        }
    }
}
