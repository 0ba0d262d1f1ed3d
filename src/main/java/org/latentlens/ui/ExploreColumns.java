package org.latentlens.ui;

import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.Region;

/**
 * The explorer's three columns the user can resize: the side ones keep their width (that of the last run, or one
 * that suits every window from the smallest up) and the middle one takes what the window gains or loses.
 */
final class ExploreColumns {
    /** Width the middle column needs to show the face and three encode panes without scrolling. */
    static final double CENTER_ROOM = 400;

    private static final String LEFT_WIDTH = "explore.leftWidth";
    private static final String RIGHT_WIDTH = "explore.rightWidth";

    private final SplitPane split;
    private final Preferences prefs;

    /** Columns {@code left | center | right}; their widths are kept in {@code prefs} ({@code null}: not kept). */
    ExploreColumns(Region left, Region center, Region right, Preferences prefs) {
        this.prefs = prefs;
        left.setMinWidth(320);
        split = new SplitPane(left, center, right);
        SplitPane.setResizableWithParent(left, false);
        SplitPane.setResizableWithParent(right, false);
        double leftSaved = prefs == null ? Double.NaN : prefs.getDouble(LEFT_WIDTH, Double.NaN);
        double rightSaved = prefs == null ? Double.NaN : prefs.getDouble(RIGHT_WIDTH, Double.NaN);
        // Divider positions are fractions: set them once the window shows at its real width.
        split.widthProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Number> o, Number was, Number now) {
                double w = now.doubleValue();
                if (w <= 0
                        || split.getScene() == null
                        || !split.getScene().getWindow().isShowing()) {
                    return;
                }
                split.widthProperty().removeListener(this);
                double left = Double.isNaN(leftSaved) ? clamp(0.3 * w, 360, 420) : clamp(leftSaved, 320, 0.45 * w);
                double right = Double.isNaN(rightSaved) ? clamp(0.23 * w, 250, 320) : clamp(rightSaved, 230, 0.4 * w);
                split.setDividerPositions(left / w, 1 - right / w);
                split.widthProperty().addListener((obs, before, after) -> {
                    if (after.doubleValue() < before.doubleValue()) {
                        Platform.runLater(ExploreColumns.this::keepCenterRoom);
                    }
                });
            }
        });
    }

    /** The split pane to place in the window. */
    SplitPane root() {
        return split;
    }

    /** Keeps the side columns' widths for the next run. */
    void remember() {
        if (prefs != null && split.getWidth() > 0) {
            prefs.putDouble(LEFT_WIDTH, column(0).getWidth());
            prefs.putDouble(RIGHT_WIDTH, column(2).getWidth());
        }
    }

    /**
     * When the window narrows, the side columns keep their width and the middle one pays; below
     * {@link #CENTER_ROOM} the middle would need scrolling, so the side columns give back width down to their
     * minimums instead, each in proportion to what it has to spare.
     */
    private void keepCenterRoom() {
        double w = split.getWidth();
        Region left = column(0);
        Region right = column(2);
        double need = CENTER_ROOM - column(1).getWidth();
        double spareLeft = Math.max(0, left.getWidth() - left.minWidth(-1));
        double spareRight = Math.max(0, right.getWidth() - right.minWidth(-1));
        double spare = spareLeft + spareRight;
        if (w <= 0 || need <= 0 || spare <= 0) {
            return;
        }
        double take = Math.min(need, spare);
        double newLeft = left.getWidth() - take * spareLeft / spare;
        double newRight = right.getWidth() - take * spareRight / spare;
        split.setDividerPositions(newLeft / w, 1 - newRight / w);
    }

    private Region column(int index) {
        return (Region) split.getItems().get(index);
    }

    static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
