package org.latentlens.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.model.ImageSpec;

class BatchStreamTest {
    @TempDir
    Path tmp;

    @Test
    void plainFolderIsRecursiveAndCorruptFilesAreSkippedAndCounted() throws Exception {
        Path sub = Files.createDirectories(tmp.resolve("a/b"));
        for (int i = 0; i < 5; i++) {
            BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
            ImageIO.write(
                    img,
                    i % 2 == 0 ? "png" : "jpg",
                    (i < 3 ? tmp : sub)
                            .resolve("img" + i + (i % 2 == 0 ? ".png" : ".jpg"))
                            .toFile());
        }
        Files.write(sub.resolve("broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        Files.writeString(tmp.resolve("notes.txt"), "not an image");
        ImageFolderDataset ds = ImageFolderDataset.open(tmp);
        assertEquals(6, ds.size(), "five images and the broken one; the text file is ignored");

        int seen = 0;
        try (BatchStream stream = BatchStream.of(ds, ImageSpec.rgbSquare(16), 4, new int[] {0, 1, 2, 3, 4, 5}, 2)) {
            while (stream.hasNext()) {
                Batch b = stream.next();
                seen += b.count();
                assertEquals(16, b.images().height());
            }
            assertEquals(1, stream.skipped());
            assertTrue(stream.firstProblem().contains("broken.jpg"), stream.firstProblem());
        }
        assertEquals(5, seen);
    }

    @Test
    void shuffledStreamVisitsEveryEntryOncePerEpoch() {
        SyntheticDataset ds = new SyntheticDataset(1, 10, 32);
        Set<String> firstEpoch = new HashSet<>();
        try (BatchStream stream = BatchStream.shuffled(ds, ImageSpec.rgbSquare(32), 5, 7, 2)) {
            for (int i = 0; i < 2; i++) {
                Batch b = stream.next();
                assertEquals(5, b.count());
                assertEquals(8 * 5, b.labels().length);
                for (int k = 0; k < b.count(); k++) {
                    firstEpoch.add(Arrays.toString(b.images().image(k)));
                }
            }
            assertEquals(10, firstEpoch.size());
            assertTrue(stream.hasNext(), "the shuffled stream never ends");
        }
    }
}
