package org.latentlens.ui.explore;

import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import org.latentlens.core.directions.DirectionKind;
import org.latentlens.core.directions.LatentDirection;

/** One discovered direction's slider: where the current code lies along it, and whether it is locked. */
public final class DirectionSlider {
    private final LatentDirection direction;
    private final DoubleProperty value;
    private final BooleanProperty locked = new SimpleBooleanProperty(false);

    DirectionSlider(LatentDirection direction, double position) {
        this.direction = direction;
        this.value = new SimpleDoubleProperty(clamp(position));
    }

    public LatentDirection direction() {
        return direction;
    }

    /** Position of the current code along the direction (its dot product with the unit vector), within the range. */
    public DoubleProperty valueProperty() {
        return value;
    }

    /** A locked direction keeps its position while other directions move, when orthogonalising is on. */
    public BooleanProperty lockedProperty() {
        return locked;
    }

    /** The slider's title: the attribute's name, or for an unsupervised direction its name and what it moves. */
    public String title() {
        String attribute = direction.attribute().replace('_', ' ');
        if (direction.kind() == DirectionKind.SUPERVISED) {
            return direction.name().replace('_', ' ');
        }
        return direction.name() + " · " + (attribute.isEmpty() ? "?" : attribute);
    }

    /** What was measured, as "steers 0.71 · leaks 0.08"; empty when not measured. */
    public String measured() {
        if (Double.isNaN(direction.steerability())) {
            return "";
        }
        String steers = String.format(Locale.ROOT, "steers %.2f", direction.steerability());
        return Double.isNaN(direction.leakage())
                ? steers
                : steers + String.format(Locale.ROOT, " · leaks %.2f", direction.leakage());
    }

    double clamp(double position) {
        return Math.max(direction.min(), Math.min(direction.max(), position));
    }
}
