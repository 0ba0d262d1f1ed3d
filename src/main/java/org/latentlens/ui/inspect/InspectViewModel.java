package org.latentlens.ui.inspect;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.latentlens.core.model.GanModel;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.RenderResult;

/**
 * What the discriminator sees in the current image: where its realism score falls (one statement, read against
 * the manifest's calibration), its attribute readouts beside the encoder's, and the saliency map as a heat
 * overlay.
 */
public final class InspectViewModel {
    private final ReadOnlyDoubleWrapper realism = new ReadOnlyDoubleWrapper(Double.NaN);
    private final ReadOnlyObjectWrapper<BufferedImage> heatmap = new ReadOnlyObjectWrapper<>();
    private final DoubleProperty opacity = new SimpleDoubleProperty(0.3);
    private final ReadOnlyObjectWrapper<RealismStatement> statement =
            new ReadOnlyObjectWrapper<>(RealismStatement.NONE);
    private final ObservableList<Readout> readouts = FXCollections.observableArrayList();
    private final ReadOnlyDoubleWrapper realismFloor = new ReadOnlyDoubleWrapper(Double.NEGATIVE_INFINITY);

    /**
     * One attribute as both networks read it.
     *
     * @param attribute name
     * @param encoder encoder's probability
     * @param discriminator discriminator head's probability
     */
    public record Readout(String attribute, double encoder, double discriminator) {
        /** Shown in the list. */
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%-14s  E %4s   D %4s",
                    attribute.replace('_', ' '),
                    percent(encoder),
                    percent(discriminator));
        }
    }

    /** A probability as a whole percentage; a dash where the network is absent. */
    static String percent(double p) {
        return Double.isNaN(p) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * p);
    }

    /** Follows every render of the model {@code session} holds. */
    public InspectViewModel(ModelSession session) {
        session.renderProperty()
                .addListener((obs, was, now) -> update(session.modelProperty().get(), now));
    }

    /** The raw realism logit of the current image; NaN when there is none. */
    public ReadOnlyDoubleProperty realismProperty() {
        return realism.getReadOnlyProperty();
    }

    /**
     * Where the current image's realism falls, in words, with the figures behind it; it also carries the
     * out-of-range warning (its {@code alarm}), so that the panel has one realism message, not two.
     */
    public ReadOnlyObjectProperty<RealismStatement> realismStatementProperty() {
        return statement.getReadOnlyProperty();
    }

    /** The saliency map as a translucent red heat image, or {@code null}. */
    public ReadOnlyObjectProperty<BufferedImage> heatmapProperty() {
        return heatmap.getReadOnlyProperty();
    }

    /** Overlay opacity, 0..1. */
    public DoubleProperty opacityProperty() {
        return opacity;
    }

    public ObservableList<Readout> readouts() {
        return readouts;
    }

    /**
     * Sets the realism level below which an image counts as unrealistic for a model without calibration (the
     * model's generated images' typical range, measured when it opens). A calibrated manifest's own measurement
     * of generated images takes its place.
     */
    public void setRealismFloor(double floor) {
        realismFloor.set(floor);
    }

    private void update(GanModel model, RenderResult r) {
        if (model == null || r == null) {
            readouts.clear();
            heatmap.set(null);
            realism.set(Double.NaN);
            statement.set(RealismStatement.NONE);
            return;
        }
        realism.set(r.realism());
        List<Readout> rows = new ArrayList<>();
        List<String> attrs = model.manifest().attributes();
        for (int i = 0; i < attrs.size(); i++) {
            rows.add(new Readout(
                    attrs.get(i),
                    r.encoderProbabilities() == null ? Double.NaN : r.encoderProbabilities()[i],
                    r.discriminatorProbabilities() == null ? Double.NaN : r.discriminatorProbabilities()[i]));
        }
        readouts.setAll(rows);
        if (Double.isNaN(r.realism())) {
            heatmap.set(
                    r.saliency() == null
                            ? null
                            : heat(
                                    r.saliency(),
                                    model.manifest().image().width(),
                                    model.manifest().image().height()));
            statement.set(RealismStatement.NONE);
            return;
        }
        heatmap.set(
                r.saliency() == null
                        ? null
                        : heat(
                                r.saliency(),
                                model.manifest().image().width(),
                                model.manifest().image().height()));
        statement.set(RealismStatement.of(r.realism(), model.manifest().calibration(), realismFloor.get()));
    }

    /** Normalises a saliency map to its 99th percentile and paints it as red with alpha = strength. */
    static BufferedImage heat(float[] map, int w, int h) {
        float[] sorted = map.clone();
        Arrays.sort(sorted);
        float top = Math.max(1e-12f, sorted[(int) Math.floor(0.99 * (sorted.length - 1))]);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int i = 0; i < map.length; i++) {
            float v = Math.min(1f, map[i] / top);
            // Squared, so that only the pixels that matter most stand out over the face.
            int alpha = Math.round(255 * v * v);
            int g = Math.round(200 * v * v);
            out.setRGB(i % w, i / w, (alpha << 24) | (255 << 16) | (g << 8));
        }
        return out;
    }
}
