package org.latentlens.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.data.synthetic.FaceFactors;
import org.latentlens.core.data.synthetic.FaceRenderer;
import org.latentlens.core.data.synthetic.SyntheticExport;
import org.latentlens.core.data.synthetic.SyntheticFaces;

class SyntheticFacesTest {
    @TempDir
    Path tmp;

    private static int[] pixels(BufferedImage i) {
        return i.getRGB(0, 0, i.getWidth(), i.getHeight(), null, 0, i.getWidth());
    }

    @Test
    void theSameSeedAndIndexGiveTheSameFace() {
        int[] a = pixels(new SyntheticFaces(3).image(17, 64));
        int[] b = pixels(new SyntheticFaces(3).image(17, 64));
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, pixels(new SyntheticFaces(4).image(17, 64))), "another seed, another face");
        assertFalse(Arrays.equals(a, pixels(new SyntheticFaces(3).image(18, 64))), "another index, another face");
    }

    @Test
    void rendersAtEverySupportedSize() {
        for (int size : new int[] {32, 64, 128, 256}) {
            BufferedImage image = new SyntheticFaces(1).image(0, size);
            assertEquals(size, image.getWidth());
            assertEquals(size, image.getHeight());
        }
    }

    @Test
    void attributesAreBalancedAndIndependent() {
        SyntheticFaces faces = new SyntheticFaces(11);
        int n = 4000;
        int a = FaceFactors.ATTRIBUTES.size();
        double[][] v = new double[n][a];
        for (int i = 0; i < n; i++) {
            int[] attrs = faces.factors(i).attributes();
            for (int j = 0; j < a; j++) {
                v[i][j] = attrs[j];
            }
        }
        for (int j = 0; j < a; j++) {
            double mean = 0;
            for (double[] row : v) {
                mean += row[j] / n;
            }
            assertEquals(0, mean, 0.06, FaceFactors.ATTRIBUTES.get(j) + " is roughly half positive");
            for (int k = j + 1; k < a; k++) {
                double c = 0;
                for (double[] row : v) {
                    c += row[j] * row[k] / n;
                }
                assertEquals(0, c, 0.06, FaceFactors.ATTRIBUTES.get(j) + " vs " + FaceFactors.ATTRIBUTES.get(k));
            }
        }
        assertTrue(a >= 8, "at least eight ground-truth attributes");
    }

    @Test
    void eachAttributeChangesThePicture() {
        FaceFactors base = new SyntheticFaces(5).factors(0);
        FaceFactors smiling = new FaceFactors(
                -base.smile(),
                base.glasses(),
                base.hairLightness(),
                base.hairLength(),
                base.beard(),
                base.faceWidth(),
                base.skinTone(),
                base.eyeOpenness(),
                base.headTilt(),
                base.backgroundHue(),
                base.lighting(),
                base.hairHue(),
                base.jitterX(),
                base.jitterY(),
                base.scale(),
                base.noiseSeed());
        int[] p0 = pixels(FaceRenderer.render(base, 64));
        int[] p1 = pixels(FaceRenderer.render(smiling, 64));
        int changed = 0;
        for (int i = 0; i < p0.length; i++) {
            if (p0[i] != p1[i]) {
                changed++;
            }
        }
        assertTrue(changed > 20 && changed < p0.length / 4, "a smile changes the mouth region only: " + changed);
    }

    @Test
    void exportsACelebaLayoutFolderTheReaderAccepts() throws Exception {
        SyntheticExport.write(9, 12, 32, tmp, 2, done -> {});
        CelebaDataset ds = CelebaDataset.open(tmp);
        assertEquals(12, ds.size());
        assertEquals(FaceFactors.ATTRIBUTES, ds.attributes());
        assertTrue(ds.problems().isEmpty(), ds.problems().toString());
        int[] expected = new SyntheticFaces(9).factors(4).attributes();
        float[] labels = ds.labels(4);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], labels[i], 0f);
        }
        assertArrayEquals(
                pixels(new SyntheticFaces(9).image(4, 32)), pixels(ds.load(4).image()), "PNG is lossless");
        assertTrue(Files.readAllLines(tmp.resolve(SyntheticExport.FACTORS_FILE)).size() == 14);
    }
}
