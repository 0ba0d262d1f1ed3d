package org.latentlens.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small files that claim to be huge, or point outside their folder, cost nothing and say what is wrong. */
class HostileDataTest {
    @TempDir
    Path tmp;

    private String failure(Path path) {
        return assertThrows(DatasetException.class, () -> CelebaDataset.open(path))
                .getMessage();
    }

    @Test
    void twoThousandAttributesAndAMillionRowsClaimedAreRefusedCheaply() throws Exception {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < 2048; i++) {
            names.append("a").append(i).append(' ');
        }
        Files.writeString(tmp.resolve("list_attr.txt"), "1048576\n" + names + "\n");
        long before = usedHeap();
        String m = failure(tmp);
        assertTrue(m.contains("names 2048 attributes; at most 1000"), m);
        assertTrue(usedHeap() - before < 64L << 20, "no large allocation");
    }

    @Test
    void aHugeCountLineAllocatesNothingUpFront() throws Exception {
        Files.createDirectories(tmp.resolve("images"));
        ImageIO.write(
                new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB),
                "png",
                tmp.resolve("images/a.png").toFile());
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < 999; i++) {
            names.append("a").append(i).append(' ');
        }
        StringBuilder row = new StringBuilder("a.png");
        for (int i = 0; i < 999; i++) {
            row.append(" 1");
        }
        Files.writeString(tmp.resolve("list_attr.txt"), "99999999999\n" + names + "\n" + row + "\n");
        CelebaDataset ds = CelebaDataset.open(tmp);
        assertEquals(1, ds.size());
        assertTrue(String.join("\n", ds.problems()).contains("line 1 says 99999999999 images but the file has 1 rows"));
    }

    @Test
    void rowsThatLeaveTheImageFolderAreRefusedNotOpened() throws Exception {
        Files.createDirectories(tmp.resolve("images"));
        Path outside = Files.writeString(tmp.resolve("secret.png"), "not even an image");
        ImageIO.write(
                new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB),
                "png",
                tmp.resolve("images/a.png").toFile());
        Files.writeString(
                tmp.resolve("list_attr.txt"),
                String.join(
                        "\n",
                        "4",
                        "Male",
                        "a.png 1",
                        "../secret.png 1",
                        "../../../../etc/hostname -1",
                        outside.toAbsolutePath() + " 1",
                        ""));
        CelebaDataset ds = CelebaDataset.open(tmp);
        assertEquals(1, ds.size());
        String problems = String.join("\n", ds.problems());
        assertTrue(problems.contains("3 rows name a file outside the image folder (refused)"), problems);
    }

    @Test
    void duplicateOrMissingAttributeNamesAndOtherEncodingsAreExplained() throws Exception {
        Files.writeString(tmp.resolve("list_attr.txt"), "1\nMale Young male\n");
        assertTrue(failure(tmp).contains("attribute 'male' is named twice"));
        Files.writeString(tmp.resolve("list_attr.txt"), "1\n   \n");
        assertTrue(failure(tmp).contains("line 2 should name the attributes"));
        Files.writeString(tmp.resolve("list_attr.txt"), "abc\nMale\n");
        assertTrue(failure(tmp).contains("line 1 should be the image count (a whole number), found 'abc'"));
        Files.write(tmp.resolve("list_attr.txt"), "1\nMäle\n".getBytes(StandardCharsets.UTF_16));
        assertTrue(failure(tmp).contains("is not UTF-8 text (it may be UTF-16 or Latin-1)"));
    }

    @Test
    void aTinyPngClaimingTwentySixThousandPixelsSquareIsRefusedFromItsHeader() throws Exception {
        Path bomb = tmp.resolve("bomb.png");
        Files.write(bomb, pngHeaderOnly(26000, 26000));
        assertTrue(Files.size(bomb) < 200);
        long t0 = System.nanoTime();
        var e = assertThrows(IOException.class, () -> ImageFiles.read(bomb));
        assertTrue(e.getMessage().contains("26000x26000 pixels (676 megapixels)"), e.getMessage());
        assertTrue((System.nanoTime() - t0) / 1e9 < 2, "refused before decoding");
    }

    @Test
    void largePhotosAreDecodedSubsampledAndEmptyFilesSaySo() throws Exception {
        Path big = tmp.resolve("big.png");
        ImageIO.write(new BufferedImage(4000, 3000, BufferedImage.TYPE_INT_RGB), "png", big.toFile());
        BufferedImage image = ImageFiles.read(big);
        assertEquals(2000, image.getWidth());
        assertEquals(1500, image.getHeight());
        Path empty = Files.createFile(tmp.resolve("empty.jpg"));
        assertTrue(assertThrows(IOException.class, () -> ImageFiles.read(empty))
                .getMessage()
                .contains("empty.jpg is an empty file"));
    }

    @Test
    void aTruncatedImageNamesTheFileAndAReason() throws Exception {
        Path good = tmp.resolve("whole.png");
        BufferedImage noise = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(1);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                noise.setRGB(x, y, r.nextInt());
            }
        }
        ImageIO.write(noise, "png", good.toFile());
        byte[] bytes = Files.readAllBytes(good);
        Path cut = Files.write(tmp.resolve("cut.png"), Arrays.copyOf(bytes, bytes.length / 2));
        String m = assertThrows(IOException.class, () -> ImageFiles.read(cut)).getMessage();
        assertTrue(m.startsWith("cut.png "), m);
        assertTrue(!m.endsWith(": ") && !m.endsWith(":"), "a reason follows the colon: " + m);
    }

    @Test
    void allUnknownLabelsSayNoneInsteadOfNaNPercent() throws Exception {
        Files.createDirectories(tmp.resolve("images"));
        ImageIO.write(
                new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB),
                "png",
                tmp.resolve("images/a.png").toFile());
        Files.writeString(tmp.resolve("list_attr.txt"), "1\nMale Young\na.png 0 1\n");
        String report = String.join(
                "\n", DatasetReport.inspect(CelebaDataset.open(tmp), 1).lines());
        assertTrue(report.contains("none (every label is 0: unknown)"), report);
        assertTrue(!report.contains("NaN"), report);
    }

    /** A valid PNG signature, IHDR for {@code w x h} RGB, one tiny IDAT and IEND: a decompression bomb header. */
    private static byte[] pngHeaderOnly(int w, int h) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(w);
        d.writeInt(h);
        d.write(new byte[] {8, 2, 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[64]);
        deflater.finish();
        byte[] buf = new byte[64];
        int n = deflater.deflate(buf);
        chunk(out, "IDAT", Arrays.copyOf(buf, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws Exception {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
