package org.latentlens.ui.activations;

import java.awt.image.BufferedImage;
import java.util.List;
import org.latentlens.core.model.FeatureMaps;

/**
 * The generator's feature maps as one picture: a row per resolution level (coarsest at the top), its strongest
 * channels from left to right, each map stretched to a square cell and shaded from its own minimum (black) to its
 * maximum (white), so that weak and strong channels both show their pattern.
 */
final class ActivationSheet {
    /** Side of one map's cell in pixels. */
    static final int CELL = 40;
    /** Gap between cells. */
    static final int GAP = 2;

    private ActivationSheet() {}

    /** The sheet of {@code levels}, at most {@code perLevel} maps per row. */
    static BufferedImage render(List<FeatureMaps> levels, int perLevel) {
        int columns = Math.max(
                1,
                Math.min(
                        perLevel,
                        levels.stream().mapToInt(FeatureMaps::channels).max().orElse(1)));
        BufferedImage sheet = new BufferedImage(
                columns * (CELL + GAP) - GAP,
                Math.max(1, levels.size() * (CELL + GAP) - GAP),
                BufferedImage.TYPE_INT_RGB);
        for (int row = 0; row < levels.size(); row++) {
            FeatureMaps level = levels.get(row);
            List<Integer> shown = level.strongest(columns);
            for (int col = 0; col < shown.size(); col++) {
                draw(sheet, level.size(), level.map(shown.get(col)), col * (CELL + GAP), row * (CELL + GAP));
            }
        }
        return sheet;
    }

    private static void draw(BufferedImage sheet, int size, float[] map, int x0, int y0) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : map) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float range = max - min;
        for (int y = 0; y < CELL; y++) {
            for (int x = 0; x < CELL; x++) {
                float v = map[(y * size / CELL) * size + x * size / CELL];
                int grey = range > 0 ? Math.round(255 * (v - min) / range) : 0;
                sheet.setRGB(x0 + x, y0 + y, grey << 16 | grey << 8 | grey);
            }
        }
    }
}
