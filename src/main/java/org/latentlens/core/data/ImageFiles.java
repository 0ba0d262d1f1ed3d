package org.latentlens.core.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads image files, turning every way a file can be bad into an {@link IOException} with its name.
 *
 * <p>The size in the file's header is checked before any pixel is decoded: a 155-byte PNG can claim
 * 26000x26000 pixels (2.7 GB decoded). Headers over {@value #MAX_PIXELS} pixels are refused; large photos are
 * decoded subsampled to at most {@value #DECODED_PIXELS} pixels, which is still far more than any model reads.
 */
public final class ImageFiles {
    /** Largest image accepted, in pixels (a 20,000 x 20,000 panorama). */
    public static final long MAX_PIXELS = 400_000_000L;
    /** Pixels decoded at most; larger images are subsampled while decoding (ImageIO source subsampling). */
    public static final long DECODED_PIXELS = 4_000_000L;

    private ImageFiles() {}

    /** Whether the name looks like an image we can decode (JPEG or PNG). */
    public static boolean isImageName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
    }

    /** Decodes an image; throws with a readable message when it is missing, empty, huge, truncated or not an image. */
    public static BufferedImage read(Path file) throws IOException {
        String name = String.valueOf(file.getFileName());
        if (Files.isRegularFile(file) && Files.size(file) == 0) {
            throw new IOException(name + " is an empty file (0 bytes)");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new IOException(name + " cannot be opened");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException(name + " is not a JPEG or PNG image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w <= 0 || h <= 0) {
                    throw new IOException(name + " is not a JPEG or PNG image (its header gives no size)");
                }
                if (w * h > MAX_PIXELS) {
                    throw new IOException(name + " says it is " + w + "x" + h + " pixels (" + (w * h / 1_000_000)
                            + " megapixels); images over " + MAX_PIXELS / 1_000_000
                            + " megapixels are refused. Scale it down first.");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = subsampling(w, h);
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                BufferedImage image = reader.read(0, param);
                if (image == null || image.getWidth() <= 0 || image.getHeight() <= 0) {
                    throw new IOException(name + " is not a JPEG or PNG image");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(name)) {
                throw e;
            }
            String reason = e.getMessage() == null || e.getMessage().isBlank()
                    ? e.getClass().getSimpleName()
                    : e.getMessage();
            throw new IOException(name + " cannot be read: " + reason, e);
        } catch (RuntimeException e) {
            // Truncated or malformed files can make decoders throw unchecked exceptions.
            throw new IOException(name + " is a damaged image: " + e, e);
        }
    }

    /** The subsampling step that brings {@code w x h} to at most {@link #DECODED_PIXELS}. */
    static int subsampling(long w, long h) {
        int step = 1;
        while ((w / step) * (h / step) > DECODED_PIXELS) {
            step++;
        }
        return step;
    }
}
