package org.latentlens.core.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Reads image files, turning every way a file can be bad into an {@link IOException} with its name. */
public final class ImageFiles {
  private ImageFiles() {}

  /** Whether the name looks like an image we can decode (JPEG or PNG). */
  public static boolean isImageName(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
  }

  /** Decodes an image; throws with a readable message when it is missing, truncated or not an image. */
  public static BufferedImage read(Path file) throws IOException {
    BufferedImage image;
    try (InputStream in = Files.newInputStream(file)) {
      image = ImageIO.read(in);
    } catch (IOException e) {
      throw new IOException(file.getFileName() + " cannot be read: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // Truncated or malformed files can make decoders throw unchecked exceptions.
      throw new IOException(file.getFileName() + " is a damaged image: " + e, e);
    }
    if (image == null || image.getWidth() <= 0 || image.getHeight() <= 0) {
      throw new IOException(file.getFileName() + " is not a JPEG or PNG image");
    }
    return image;
  }
}
