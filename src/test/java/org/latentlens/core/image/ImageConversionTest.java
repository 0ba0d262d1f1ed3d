package org.latentlens.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.latentlens.core.model.ImageSpec;

class ImageConversionTest {
    @Test
    void cropsTheCentreSquareAndMapsIntoTheValueRange() {
        // 300x100: red bars left and right, a white centre square 100x100.
        BufferedImage wide = new BufferedImage(300, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = wide.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 300, 100);
        g.setColor(Color.WHITE);
        g.fillRect(100, 0, 100, 100);
        g.dispose();
        float[] x = ImageConversion.toModelInput(wide, ImageSpec.rgbSquare(8));
        assertEquals(8 * 8 * 3, x.length);
        for (float v : x) {
            assertEquals(1f, v, 1e-6, "only the white centre remains, at the top of [-1, 1]");
        }
    }

    @Test
    void roundTripsThroughTheModelRange() {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 2, 0x336699);
        ImageSpec spec = ImageSpec.rgbSquare(4);
        BufferedImage back = ImageConversion.toImage(ImageConversion.toModelInput(img, spec), spec);
        assertEquals(0x336699, back.getRGB(1, 2) & 0xFFFFFF);
        assertEquals(0, back.getRGB(0, 0) & 0xFFFFFF);
    }

    @Test
    void downscalingAveragesAreas() {
        BufferedImage checker = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                checker.setRGB(x, y, ((x + y) % 2 == 0) ? 0xFFFFFF : 0);
            }
        }
        int[] small = ImageConversion.squareResized(checker, 8, 8);
        for (int p : small) {
            assertEquals(128, (p >> 8) & 255, 1, "a fine checkerboard averages to grey, not aliasing");
        }
    }
}
