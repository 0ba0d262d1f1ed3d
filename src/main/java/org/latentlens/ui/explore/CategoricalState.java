package org.latentlens.ui.explore;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import org.latentlens.core.model.CategoricalFactor;

/**
 * One categorical factor's control: which of its values the current code spells (the one whose dimension is
 * highest). Selecting a value sets the code one-hot; sliders of the factor's dimensions are not shown.
 */
public final class CategoricalState {
    private final CategoricalFactor factor;
    private final int[] indices;
    private final IntegerProperty selected = new SimpleIntegerProperty(-1);

    CategoricalState(CategoricalFactor factor, int[] indices) {
        this.factor = factor;
        this.indices = indices.clone();
    }

    public CategoricalFactor factor() {
        return factor;
    }

    /** Layout indices of the factor's values, in the factor's order. */
    int[] indices() {
        return indices.clone();
    }

    /** Whether layout dimension {@code index} belongs to this factor. */
    public boolean contains(int index) {
        for (int i : indices) {
            if (i == index) {
                return true;
            }
        }
        return false;
    }

    /** Index into {@link CategoricalFactor#values()} of the value shown; setting it changes the code. */
    public IntegerProperty selectedProperty() {
        return selected;
    }

    /** The value the code spells: the highest of the factor's dimensions. */
    static int spelledBy(float[] code, int[] indices) {
        int best = 0;
        for (int k = 1; k < indices.length; k++) {
            if (code[indices[k]] > code[indices[best]]) {
                best = k;
            }
        }
        return best;
    }
}
