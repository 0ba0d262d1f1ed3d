package org.latentlens.core.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/** Lays images out on a grid with thin gaps: sample grids, traversal strips, contact sheets. */
public final class ContactSheet {
  private ContactSheet() {}

  /** A grid of {@code columns} columns; all tiles are drawn at the size of the first. */
  public static BufferedImage grid(List<BufferedImage> tiles, int columns, int gap) {
    if (tiles.isEmpty()) {
      throw new IllegalArgumentException("no images to lay out");
    }
    int w = tiles.get(0).getWidth();
    int h = tiles.get(0).getHeight();
    int rows = (tiles.size() + columns - 1) / columns;
    BufferedImage sheet = new BufferedImage(columns * w + (columns + 1) * gap, rows * h + (rows + 1) * gap,
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    try {
      g.setColor(new Color(32, 32, 36));
      g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
      for (int i = 0; i < tiles.size(); i++) {
        int x = gap + (i % columns) * (w + gap);
        int y = gap + (i / columns) * (h + gap);
        g.drawImage(tiles.get(i), x, y, w, h, null);
      }
    } finally {
      g.dispose();
    }
    return sheet;
  }
}
