package org.latentlens.ui;

import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.latentlens.ui.common.Busy;
import org.latentlens.ui.encode.EncodeViewModel;
import org.latentlens.ui.explore.ExploreViewModel;
import org.latentlens.ui.export.ExportViewModel;

/**
 * The main window's status bar: a progress indicator while work runs (a model loading, an image encoding, a strip
 * exporting), what happened last, and the explorer's slider-to-frame latency.
 */
final class StatusBar {
    private StatusBar() {}

    /** The status bar of {@code main}'s window. */
    static Node create(MainViewModel main, ExploreViewModel explore, EncodeViewModel encode, ExportViewModel export) {
        Label status = new Label();
        status.setId("status");
        status.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> explore.errorProperty().get().isEmpty()
                                ? main.statusProperty().get()
                                : explore.errorProperty().get(),
                        main.statusProperty(),
                        explore.errorProperty()));
        Label latency = new Label();
        latency.setId("latency");
        latency.setMinWidth(Region.USE_PREF_SIZE);
        latency.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            double ms = explore.latencyMillisProperty().get();
                            var r = explore.renderProperty().get();
                            return Double.isNaN(ms) || r == null
                                    ? ""
                                    : String.format(
                                            Locale.ROOT,
                                            "slider to frame %.0f ms (compute %.0f ms)",
                                            ms,
                                            r.computeMillis());
                        },
                        explore.latencyMillisProperty(),
                        explore.renderProperty()));
        Label exportStatus = new Label();
        exportStatus.textProperty().bind(export.statusProperty());
        Label encodeStatus = new Label();
        encodeStatus.setId("encode-status");
        encodeStatus.textProperty().bind(encode.statusProperty());
        // Messages name files and folders of any length: they may be shortened, and show whole as a tooltip.
        for (Label l : List.of(status, encodeStatus, exportStatus)) {
            l.setMinWidth(0);
            l.getStyleClass().add("status-text");
            Tooltip tip = new Tooltip();
            tip.textProperty().bind(l.textProperty());
            l.setTooltip(tip);
        }
        ProgressIndicator busy = new ProgressIndicator();
        busy.setId("busy-indicator");
        busy.setPrefSize(16, 16);
        busy.setMinSize(16, 16);
        busy.managedProperty().bind(busy.visibleProperty());
        Busy.showAfterDelay(
                busy, main.loadingProperty().or(encode.busyProperty()).or(export.busyProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox statusBar = new HBox(16, busy, status, encodeStatus, exportStatus, spacer, latency);
        statusBar.setAlignment(Pos.CENTER_LEFT);
        statusBar.setPadding(new Insets(4, 10, 4, 10));
        statusBar.setStyle("-fx-background-color: #eeeeee; -fx-border-color: #cccccc; -fx-border-width: 1 0 0 0");
        return statusBar;
    }
}
