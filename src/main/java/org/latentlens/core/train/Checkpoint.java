package org.latentlens.core.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything needed to continue training exactly: the step, scalars such as learning rates, and every
 * variable by name.
 *
 * @param step optimizer steps taken
 * @param scalars named numbers (learning rates, counters)
 * @param values variable values by name
 */
public record Checkpoint(long step, Map<String, Double> scalars, Map<String, float[]> values) {
    /** Copies the maps (values are shared, not copied: they are large). */
    public Checkpoint {
        scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Whether every stored value is a finite number. */
    public boolean allFinite() {
        for (float[] v : values.values()) {
            for (float f : v) {
                if (!Float.isFinite(f)) {
                    return false;
                }
            }
        }
        return true;
    }
}
