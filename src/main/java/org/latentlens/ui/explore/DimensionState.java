package org.latentlens.ui.explore;

import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import org.latentlens.core.model.DimensionExplanation;
import org.latentlens.core.model.LatentDimension;

/** One slider's state: its value, whether it is locked, and what the encoder reads for its attribute. */
public final class DimensionState {
    private final LatentDimension dimension;
    private final DoubleProperty value;
    private final BooleanProperty locked = new SimpleBooleanProperty(false);
    private final ReadOnlyDoubleWrapper readout = new ReadOnlyDoubleWrapper(Double.NaN);
    private final double steerability;
    private final double leakage;
    private final DimensionExplanation explanation;

    DimensionState(LatentDimension dimension, double steerability, double leakage) {
        this(dimension, steerability, leakage, null);
    }

    DimensionState(LatentDimension dimension, double steerability, double leakage, DimensionExplanation explanation) {
        this.dimension = dimension;
        this.explanation = explanation;
        this.value = new SimpleDoubleProperty(dimension.defaultValue());
        this.steerability = steerability;
        this.leakage = leakage;
    }

    /** Measured share of interventions that flip this attribute as intended; NaN when not measured. */
    public double steerability() {
        return steerability;
    }

    /** Measured mean share of other attributes that change with this slider; NaN when not measured. */
    public double leakage() {
        return leakage;
    }

    /** What sweeping this dimension was found to move ({@code latent-lens evaluate}); empty when not measured. */
    public Optional<DimensionExplanation> explanation() {
        return Optional.ofNullable(explanation);
    }

    public LatentDimension dimension() {
        return dimension;
    }

    /** The slider value. */
    public DoubleProperty valueProperty() {
        return value;
    }

    /** Locked dimensions keep their value on random and on encoding. */
    public BooleanProperty lockedProperty() {
        return locked;
    }

    /** Probability the encoder gives this dimension's attribute on the current image; NaN for free dimensions. */
    public ReadOnlyDoubleProperty readoutProperty() {
        return readout.getReadOnlyProperty();
    }

    void setReadout(double probability) {
        readout.set(probability);
    }
}
