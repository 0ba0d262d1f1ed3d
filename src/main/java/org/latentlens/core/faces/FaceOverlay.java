package org.latentlens.core.faces;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Draws what the face finder saw on a reduced copy of a photo: every face's box with its number, and the chosen
 * face's crop square (turned as the crop was). The photo itself is never changed.
 */
public final class FaceOverlay {
    private static final Color CHOSEN = new Color(255, 204, 0);
    private static final Color OTHER = new Color(255, 255, 255, 220);
    private static final Color SHADOW = new Color(0, 0, 0, 160);

    private FaceOverlay() {}

    /**
     * A copy of {@code photo} at most {@code maxSide} pixels on its longer side, with {@code faces} numbered from 1
     * in list order and {@code crop} (the chosen face's outline, in photo coordinates) drawn over it.
     */
    public static BufferedImage draw(BufferedImage photo, List<FaceBox> faces, List<Point2D.Double> crop, int maxSide) {
        double scale = Math.min(1, (double) maxSide / Math.max(photo.getWidth(), photo.getHeight()));
        BufferedImage out = reduced(photo, scale);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            // Lines and labels keep the same size on screen whatever the photo's resolution.
            float line = Math.max(2f, Math.max(out.getWidth(), out.getHeight()) / 250f);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(line * 7)));
            for (int i = 0; i < faces.size(); i++) {
                FaceBox f = faces.get(i);
                Rectangle2D box =
                        new Rectangle2D.Double(f.x() * scale, f.y() * scale, f.width() * scale, f.height() * scale);
                outlined(g, box, OTHER, line);
                if (faces.size() > 1) {
                    String label = String.valueOf(i + 1);
                    float tx = (float) box.getX() + 2 * line;
                    float ty = (float) box.getY() + g.getFontMetrics().getAscent() + line;
                    g.setColor(SHADOW);
                    g.drawString(label, tx + line / 2, ty + line / 2);
                    g.setColor(OTHER);
                    g.drawString(label, tx, ty);
                }
            }
            if (!crop.isEmpty()) {
                Path2D.Double square = new Path2D.Double();
                square.moveTo(crop.get(0).x * scale, crop.get(0).y * scale);
                for (Point2D.Double p : crop.subList(1, crop.size())) {
                    square.lineTo(p.x * scale, p.y * scale);
                }
                square.closePath();
                outlined(g, square, CHOSEN, 1.5f * line);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** A dark halo under the line keeps it visible on light and dark photos alike. */
    private static void outlined(Graphics2D g, Shape shape, Color color, float width) {
        g.setStroke(new BasicStroke(width * 2));
        g.setColor(SHADOW);
        g.draw(shape);
        g.setStroke(new BasicStroke(width));
        g.setColor(color);
        g.draw(shape);
    }

    /** {@code photo} scaled by {@code scale} (at most 1) in halving steps, which keeps detail without aliasing. */
    private static BufferedImage reduced(BufferedImage photo, double scale) {
        int targetW = Math.max(1, (int) Math.round(photo.getWidth() * scale));
        int targetH = Math.max(1, (int) Math.round(photo.getHeight() * scale));
        BufferedImage current = photo;
        int w = photo.getWidth();
        int h = photo.getHeight();
        do {
            w = Math.max(targetW, w / 2);
            h = Math.max(targetH, h / 2);
            BufferedImage next = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = next.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(current, 0, 0, w, h, null);
            } finally {
                g.dispose();
            }
            current = next;
        } while (w != targetW || h != targetH);
        return current;
    }
}
