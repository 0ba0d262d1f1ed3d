package org.latentlens.core.image;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
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
        BufferedImage sheet = new BufferedImage(
                columns * w + (columns + 1) * gap, rows * h + (rows + 1) * gap, BufferedImage.TYPE_INT_RGB);
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

    /**
     * A grid as {@link #grid}, with a label left of each row and one above each column (either list may be empty
     * for none; otherwise one label per row, one per column).
     */
    public static BufferedImage labelledGrid(
            List<BufferedImage> tiles, int columns, int gap, List<String> rowLabels, List<String> columnLabels) {
        BufferedImage grid = grid(tiles, columns, gap);
        int rows = (tiles.size() + columns - 1) / columns;
        if (!rowLabels.isEmpty() && rowLabels.size() != rows
                || !columnLabels.isEmpty() && columnLabels.size() != columns) {
            throw new IllegalArgumentException("need " + rows + " row labels and " + columns + " column labels, got "
                    + rowLabels.size() + " and " + columnLabels.size());
        }
        int w = tiles.get(0).getWidth();
        int h = tiles.get(0).getHeight();
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(11, Math.min(16, h / 5)));
        Graphics2D probe = grid.createGraphics();
        FontMetrics metrics;
        try {
            metrics = probe.getFontMetrics(font);
        } finally {
            probe.dispose();
        }
        int pad = 6;
        int left = rowLabels.isEmpty()
                ? 0
                : pad + rowLabels.stream().mapToInt(metrics::stringWidth).max().orElse(0) + pad;
        int top = columnLabels.isEmpty() ? 0 : metrics.getHeight() + pad;
        BufferedImage sheet =
                new BufferedImage(left + grid.getWidth(), top + grid.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(new Color(32, 32, 36));
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.drawImage(grid, left, top, null);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(font);
            g.setColor(new Color(230, 230, 230));
            for (int r = 0; r < rowLabels.size(); r++) {
                int y = top + gap + r * (h + gap) + (h - metrics.getHeight()) / 2 + metrics.getAscent();
                g.drawString(rowLabels.get(r), left - pad - metrics.stringWidth(rowLabels.get(r)), y);
            }
            for (int c = 0; c < columnLabels.size(); c++) {
                String label = columnLabels.get(c);
                int x = left + gap + c * (w + gap) + (w - metrics.stringWidth(label)) / 2;
                g.drawString(label, x, pad / 2 + metrics.getAscent());
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }
}
