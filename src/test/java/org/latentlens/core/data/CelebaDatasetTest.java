package org.latentlens.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CelebaDatasetTest {
    @TempDir
    Path tmp;

    /** Writes images a.jpg..e.jpg (not missing.jpg) and an attribute file with the given line end. */
    private Path fixture(String eol, String countLine) throws Exception {
        Path images = Files.createDirectories(tmp.resolve("images"));
        for (String name : List.of("a", "b", "c", "d", "e")) {
            ImageIO.write(
                    new BufferedImage(20, 24, BufferedImage.TYPE_INT_RGB),
                    "jpg",
                    images.resolve(name + ".jpg").toFile());
        }
        String text = String.join(
                eol,
                countLine,
                "Male Young Smiling",
                "a.jpg  1 -1  1",
                "b.jpg -1 -1  1",
                "missing.jpg 1 1 1",
                "c.jpg  1  1",
                "d.jpg  1  1 -1",
                "e.jpg  1  x -1",
                "");
        Files.writeString(tmp.resolve("list_attr.txt"), text, StandardCharsets.UTF_8);
        return tmp;
    }

    @Test
    void readsCrlfFilesAndReportsBadRowsWithoutFailing() throws Exception {
        CelebaDataset ds = CelebaDataset.open(fixture("\r\n", "6"));
        assertEquals(List.of("Male", "Young", "Smiling"), ds.attributes());
        assertEquals(3, ds.size(), "a, b and d are usable");
        assertEquals("d.jpg", ds.fileName(2));
        assertArrayEquals(new float[] {1, -1, 1}, ds.labels(0));
        assertArrayEquals(new float[] {1, 1, -1}, ds.labels(2));
        String problems = String.join("\n", ds.problems());
        assertTrue(problems.contains("1 rows name a missing image (e.g. line 5: missing.jpg)"), problems);
        assertTrue(problems.contains("1 rows have the wrong number of values (e.g. line 6 has 2 of 3)"), problems);
        assertTrue(problems.contains("1 rows have values other than 1/-1"), problems);
        assertFalse(problems.contains("line 1 says"), "the count line agrees with the six rows");
        assertEquals(24, ds.load(1).image().getHeight());
    }

    @Test
    void reportsACountLineThatDisagreesWithTheRows() throws Exception {
        CelebaDataset ds = CelebaDataset.open(fixture("\n", "9"));
        assertEquals(3, ds.size());
        assertTrue(
                ds.problems().contains("line 1 says 9 images but the file has 6 rows"),
                ds.problems().toString());
    }

    @Test
    void lfAndCrlfGiveTheSameIndex() throws Exception {
        CelebaDataset crlf = CelebaDataset.open(fixture("\r\n", "6"));
        float[] first = crlf.labels(0);
        CelebaDataset lf = CelebaDataset.open(fixture("\n", "6"));
        assertArrayEquals(first, lf.labels(0));
        assertEquals(crlf.size(), lf.size());
    }

    @Test
    void aFolderWithoutAnAttributeFileSaysWhatToUseInstead() {
        DatasetException e = assertThrows(DatasetException.class, () -> CelebaDataset.open(tmp));
        assertTrue(e.getMessage().contains("folder:"), e.getMessage());
    }

    @Test
    void aNonNumericCountLineIsAClearError() throws Exception {
        fixture("\n", "lots");
        DatasetException e = assertThrows(DatasetException.class, () -> CelebaDataset.open(tmp));
        assertTrue(e.getMessage().contains("line 1 should be the image count"), e.getMessage());
    }

    @Test
    void reportsPositiveRates() throws Exception {
        DatasetReport r = DatasetReport.inspect(CelebaDataset.open(fixture("\r\n", "6")), 10);
        assertEquals(2.0 / 3, r.positiveRates()[0], 1e-9, "a and d of a, b, d are Male");
        assertEquals(1.0 / 3, r.positiveRates()[1], 1e-9);
        assertEquals(0, r.unreadable());
    }

    @Test
    void handlesTheFullSizeOfCelebaWithFortyAttributes() throws Exception {
        // The real list_attr_celeba.txt: 202,599 rows, 40 attributes, CRLF. Image files are not created (the
        // missing-image path is tested above); this checks parsing and the compact index at full scale.
        int rows = 202_599;
        Files.createDirectories(tmp.resolve("img_align_celeba"));
        StringBuilder sb = new StringBuilder(rows * 130);
        sb.append(rows).append("\r\n");
        StringBuilder names = new StringBuilder();
        for (int a = 0; a < 40; a++) {
            names.append("Attr_").append(a).append(' ');
        }
        sb.append(names.toString().trim()).append("\r\n");
        for (int r = 0; r < rows; r++) {
            String file = String.format("%06d.jpg", r + 1);
            sb.append(file);
            for (int a = 0; a < 40; a++) {
                sb.append(((r + a) % 3 == 0) ? "  1" : " -1");
            }
            sb.append("\r\n");
        }
        Files.writeString(tmp.resolve("list_attr_celeba.txt"), sb);
        long before = usedMemory();
        CelebaDataset ds = CelebaDataset.open(tmp, p -> true);
        assertEquals(rows, ds.size());
        assertTrue(usedMemory() - before < 200L << 20, "the index stays small: no images are loaded");
        assertEquals(40, ds.attributes().size());
        assertTrue(ds.problems().isEmpty(), ds.problems().toString());
        assertEquals(1f, ds.labels(rows - 1)[(3 - (rows - 1) % 3) % 3]);
    }

    private static long usedMemory() {
        System.gc();
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }
}
