package org.latentlens.ui;

import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;

/**
 * The explorer's three columns the user can resize. Each side column has a width it wants: the one the user
 * dragged it to (in this run or the last), or else one that suits the window's width. The middle column takes
 * what is left, but never less than {@link #CENTER_ROOM} while the side columns can give width back down to their
 * minimums; when the window grows again they take it back, up to what they want. So a window opened small and
 * then enlarged ends up with the columns it would have opened with at the larger size.
 */
final class ExploreColumns {
    /** Width the middle column needs to show the face and three encode panes without scrolling. */
    static final double CENTER_ROOM = 400;

    /**
     * The right column's width where the window is small, before it gives the middle room: enough that at the
     * smallest window (1024 wide) the Inspect and model-card panels still fit without scrolling sideways.
     */
    private static final double RIGHT_LEAST = 275;

    private static final String LEFT_WIDTH = "explore.leftWidth";
    private static final String RIGHT_WIDTH = "explore.rightWidth";

    private final SplitPane split;
    private final Preferences prefs;
    /** The side columns' wanted widths; NaN: not chosen by the user, so one that suits the window. */
    private double wantedLeft;

    private double wantedRight;
    private double pressedLeft;
    private double pressedRight;

    /** Columns {@code left | center | right}; widths the user chose are kept in {@code prefs} ({@code null}: not). */
    ExploreColumns(Region left, Region center, Region right, Preferences prefs) {
        this.prefs = prefs;
        left.setMinWidth(320);
        split = new SplitPane(left, center, right);
        SplitPane.setResizableWithParent(left, false);
        SplitPane.setResizableWithParent(right, false);
        wantedLeft = prefs == null ? Double.NaN : prefs.getDouble(LEFT_WIDTH, Double.NaN);
        wantedRight = prefs == null ? Double.NaN : prefs.getDouble(RIGHT_WIDTH, Double.NaN);
        // Divider positions are fractions: lay the columns out whenever the real width changes, after the
        // split pane's own layout of that width.
        split.widthProperty().addListener((o, was, now) -> Platform.runLater(this::layOut));
        // A drag of a divider ends with a mouse release: what the user then sees is what the columns want.
        split.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            pressedLeft = column(0).getWidth();
            pressedRight = column(2).getWidth();
        });
        split.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (Math.abs(column(0).getWidth() - pressedLeft) > 0.5) {
                wantedLeft = column(0).getWidth();
            }
            if (Math.abs(column(2).getWidth() - pressedRight) > 0.5) {
                wantedRight = column(2).getWidth();
            }
        });
    }

    /** The split pane to place in the window. */
    SplitPane root() {
        return split;
    }

    /** Keeps the widths the user chose for the next run, and forgets saved ones the user has not chosen. */
    void remember() {
        if (prefs == null) {
            return;
        }
        keep(LEFT_WIDTH, wantedLeft);
        keep(RIGHT_WIDTH, wantedRight);
    }

    private void keep(String key, double width) {
        if (Double.isNaN(width)) {
            prefs.remove(key);
        } else {
            prefs.putDouble(key, width);
        }
    }

    /**
     * Gives each side column the width it wants (bounded by the window); where that leaves the middle less than
     * {@link #CENTER_ROOM}, the side columns give back width down to their minimums, each in proportion to what it
     * has to spare.
     */
    private void layOut() {
        double w = split.getWidth();
        if (w <= 0 || split.getScene() == null || !split.getScene().getWindow().isShowing()) {
            return;
        }
        Region leftColumn = column(0);
        Region rightColumn = column(2);
        double left = Double.isNaN(wantedLeft) ? clamp(0.3 * w, 360, 420) : clamp(wantedLeft, 320, 0.45 * w);
        double right = Double.isNaN(wantedRight) ? clamp(0.23 * w, RIGHT_LEAST, 320) : clamp(wantedRight, 230, 0.4 * w);
        // What the dividers and insets take: the width the three columns do not have now.
        double between = Math.max(0, w - leftColumn.getWidth() - column(1).getWidth() - rightColumn.getWidth());
        double need = CENTER_ROOM - (w - between - left - right);
        double spareLeft = Math.max(0, left - leftColumn.minWidth(-1));
        double spareRight = Math.max(0, right - rightColumn.minWidth(-1));
        double spare = spareLeft + spareRight;
        if (need > 0 && spare > 0) {
            double take = Math.min(need, spare);
            left -= take * spareLeft / spare;
            right -= take * spareRight / spare;
        }
        if (Math.abs(left - leftColumn.getWidth()) > 0.5 || Math.abs(right - rightColumn.getWidth()) > 0.5) {
            split.setDividerPositions(left / w, 1 - right / w);
        }
    }

    private Region column(int index) {
        return (Region) split.getItems().get(index);
    }

    static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
