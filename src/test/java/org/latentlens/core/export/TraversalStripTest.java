package org.latentlens.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.model.FakeGanModel;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.ModelManifest;

/** Exported strips say what each row sweeps and which value each column shows. */
class TraversalStripTest {
    private static final LatentLayout LAYOUT = LatentLayout.of(List.of("Smiling", "Narrow_Eyes"), 1, 1.5f, 3f);
    private final FakeGanModel model = new FakeGanModel(new ModelManifest(
            1,
            "fake",
            "",
            ImageSpec.rgbSquare(32),
            LAYOUT,
            List.of("Smiling", "Narrow_Eyes"),
            List.of(),
            null,
            Map.of()));

    @TempDir
    Path tmp;

    private TraversalStrip sweep(int... dims) {
        return TraversalStrip.render(model, dims, List.of(LAYOUT.defaults()), 5);
    }

    @Test
    void rowsAreNamedAfterTheirDimensionAndColumnsAfterTheSliderValue() {
        TraversalStrip strip = sweep(0, 1);
        assertEquals(List.of("Smiling", "Narrow Eyes"), strip.rowLabels(LAYOUT));
        assertEquals(List.of("-1.50", "-0.75", "+0.00", "+0.75", "+1.50"), strip.columnLabels(LAYOUT));
    }

    @Test
    void rowsOfDifferentRangesAreHeadedByShareOfTheRange() {
        assertEquals(List.of("0%", "25%", "50%", "75%", "100%"), sweep(0, 2).columnLabels(LAYOUT));
    }

    @Test
    void theLabelledGridDrawsTheLabelsInMarginsAroundTheUnchangedGrid() {
        TraversalStrip strip = sweep(0, 1);
        BufferedImage plain = strip.grid();
        BufferedImage labelled = strip.labelledGrid(LAYOUT);
        int left = labelled.getWidth() - plain.getWidth();
        int top = labelled.getHeight() - plain.getHeight();
        assertTrue(left > 20 && top > 8, "margins " + left + " x " + top);
        assertEquals(plain.getRGB(10, 10), labelled.getRGB(left + 10, top + 10), "the grid itself is unchanged");
        assertTrue(hasText(labelled, 0, top, left, top + 34), "a row label beside the first row");
        assertTrue(hasText(labelled, left, 0, left + 36, top), "a value above the first column");
    }

    @Test
    void writtenLabelledOnlyWhenAsked() throws Exception {
        TraversalStrip strip = sweep(0);
        BufferedImage plain = ImageIO.read(
                strip.write(tmp.resolve("plain.png"), LAYOUT).get(0).toFile());
        BufferedImage labelled = ImageIO.read(
                strip.write(tmp.resolve("labelled.png"), LAYOUT, true).get(0).toFile());
        assertEquals(strip.grid().getWidth(), plain.getWidth());
        assertEquals(strip.labelledGrid(LAYOUT).getWidth(), labelled.getWidth());
        assertTrue(labelled.getWidth() > plain.getWidth());
    }

    /** Whether the region holds light pixels (text on the dark background). */
    private static boolean hasText(BufferedImage image, int x0, int y0, int x1, int y1) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if (((image.getRGB(x, y) >> 8) & 0xff) > 150) {
                    return true;
                }
            }
        }
        return false;
    }
}
