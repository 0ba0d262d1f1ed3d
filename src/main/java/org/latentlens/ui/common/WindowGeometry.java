package org.latentlens.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.prefs.Preferences;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Where a window was and how large, kept between runs in {@link Preferences} (like the recent-models list).
 *
 * @param x left edge
 * @param y top edge
 * @param width width
 * @param height height
 * @param maximized whether it was maximized; the bounds are then those it returns to
 */
public record WindowGeometry(double x, double y, double width, double height, boolean maximized) {
    private static final String X = "window.x";
    private static final String Y = "window.y";
    private static final String WIDTH = "window.width";
    private static final String HEIGHT = "window.height";
    private static final String MAXIMIZED = "window.maximized";

    /** The geometry stored in {@code prefs}; empty when none was stored or it makes no sense. */
    public static Optional<WindowGeometry> read(Preferences prefs) {
        if (prefs == null) {
            return Optional.empty();
        }
        double w = prefs.getDouble(WIDTH, Double.NaN);
        double h = prefs.getDouble(HEIGHT, Double.NaN);
        double x = prefs.getDouble(X, Double.NaN);
        double y = prefs.getDouble(Y, Double.NaN);
        if (!(w > 0 && h > 0 && Double.isFinite(w) && Double.isFinite(h) && Double.isFinite(x) && Double.isFinite(y))) {
            return Optional.empty();
        }
        return Optional.of(new WindowGeometry(x, y, w, h, prefs.getBoolean(MAXIMIZED, false)));
    }

    /** Stores this geometry in {@code prefs} (nothing when {@code null}). */
    public void write(Preferences prefs) {
        if (prefs == null) {
            return;
        }
        prefs.putDouble(X, x);
        prefs.putDouble(Y, y);
        prefs.putDouble(WIDTH, width);
        prefs.putDouble(HEIGHT, height);
        prefs.putBoolean(MAXIMIZED, maximized);
    }

    /**
     * This geometry on a screen that exists now: on the screen it overlaps most (the first when none, say after a
     * monitor was unplugged), no larger than that screen and no smaller than {@code minWidth} x {@code minHeight}
     * (unless the screen is smaller), and moved so it lies wholly on it.
     *
     * @param screens visual bounds of the screens, the primary first
     */
    public WindowGeometry fitTo(List<Rectangle2D> screens, double minWidth, double minHeight) {
        Rectangle2D screen = screens.get(0);
        double best = 0;
        for (Rectangle2D s : screens) {
            double overlap = overlap(s);
            if (overlap > best) {
                best = overlap;
                screen = s;
            }
        }
        double w = Math.min(screen.getWidth(), Math.max(minWidth, width));
        double h = Math.min(screen.getHeight(), Math.max(minHeight, height));
        double fx = Math.max(screen.getMinX(), Math.min(x, screen.getMaxX() - w));
        double fy = Math.max(screen.getMinY(), Math.min(y, screen.getMaxY() - h));
        return new WindowGeometry(fx, fy, w, h, maximized);
    }

    private double overlap(Rectangle2D s) {
        double w = Math.min(x + width, s.getMaxX()) - Math.max(x, s.getMinX());
        double h = Math.min(y + height, s.getMaxY()) - Math.max(y, s.getMinY());
        return w > 0 && h > 0 ? w * h : 0;
    }

    /** A window of {@code width} x {@code height} centred on {@code screen}. */
    public static WindowGeometry centred(Rectangle2D screen, double width, double height) {
        double w = Math.min(width, screen.getWidth());
        double h = Math.min(height, screen.getHeight());
        return new WindowGeometry(
                screen.getMinX() + (screen.getWidth() - w) / 2,
                screen.getMinY() + (screen.getHeight() - h) / 2,
                w,
                h,
                false);
    }

    /**
     * Puts {@code stage} where it was last time (from {@code prefs}), on a screen that exists now and no smaller than
     * {@code minWidth} x {@code minHeight}; the first time, {@code width} x {@code height} centred on the primary
     * screen.
     */
    public static void place(
            Stage stage, Preferences prefs, double width, double height, double minWidth, double minHeight) {
        List<Rectangle2D> screens = new ArrayList<>();
        screens.add(Screen.getPrimary().getVisualBounds());
        Screen.getScreens().forEach(s -> screens.add(s.getVisualBounds()));
        WindowGeometry g = read(prefs)
                .map(w -> w.fitTo(screens, minWidth, minHeight))
                .orElseGet(() -> centred(screens.get(0), width, height));
        stage.setX(g.x());
        stage.setY(g.y());
        stage.setWidth(g.width());
        stage.setHeight(g.height());
        stage.setMaximized(g.maximized());
    }

    /** Stores {@code stage}'s geometry in {@code prefs}; a maximized window keeps the bounds it returns to. */
    public static void remember(Stage stage, Preferences prefs) {
        if (prefs == null) {
            return;
        }
        WindowGeometry now = new WindowGeometry(
                stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized());
        if (now.maximized()) {
            now = read(prefs)
                    .map(g -> new WindowGeometry(g.x(), g.y(), g.width(), g.height(), true))
                    .orElse(now);
        }
        now.write(prefs);
    }
}
