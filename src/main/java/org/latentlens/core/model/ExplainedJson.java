package org.latentlens.core.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The manifest's optional {@code explained} block, kept apart from {@link ManifestJson} like the calibration:
 * what each latent dimension's sweeps were found to move.
 *
 * <pre>
 * "explained": {
 *   "free_3": { "attribute": "Smiling", "steers": 0.71, "leaks": 0.05, "direction": "up" } }
 * </pre>
 *
 * {@code direction} is {@code up} when raising the slider makes the attribute present, {@code down} when lowering
 * it does ({@code up} when left out); {@code leaks} is 0 when left out.
 */
final class ExplainedJson {
    static final String KEY = "explained";
    private static final double ROUNDING = 1e4;

    private ExplainedJson() {}

    /**
     * The explanations in {@code root}; empty when there are none. An entry that does not read as one is left out
     * rather than refusing the bundle: the slider then simply shows no explanation until the next evaluation.
     */
    static Map<String, DimensionExplanation> read(JsonObject root) {
        Map<String, DimensionExplanation> out = new LinkedHashMap<>();
        if (!root.has(KEY) || !root.get(KEY).isJsonObject()) {
            return out;
        }
        for (Map.Entry<String, JsonElement> e : root.getAsJsonObject(KEY).entrySet()) {
            try {
                JsonObject o = e.getValue().getAsJsonObject();
                boolean up =
                        !o.has("direction") || !"down".equals(o.get("direction").getAsString());
                double leaks = o.has("leaks") ? o.get("leaks").getAsDouble() : 0;
                out.put(
                        e.getKey(),
                        new DimensionExplanation(
                                o.get("attribute").getAsString(),
                                o.get("steers").getAsDouble(),
                                leaks,
                                up));
            } catch (RuntimeException malformed) {
                // IllegalState/UnsupportedOperation/NumberFormat from Gson, IllegalArgument/NullPointer from the
                // record.
            }
        }
        return out;
    }

    /** Adds the block to {@code root} when there are explanations. */
    static void write(Map<String, DimensionExplanation> explained, JsonObject root) {
        if (explained.isEmpty()) {
            return;
        }
        JsonObject block = new JsonObject();
        explained.forEach((dim, e) -> {
            JsonObject o = new JsonObject();
            o.addProperty("attribute", e.attribute());
            o.addProperty("steers", Math.round(e.steers() * ROUNDING) / ROUNDING);
            o.addProperty("leaks", Math.round(e.leaks() * ROUNDING) / ROUNDING);
            o.addProperty("direction", e.increases() ? "up" : "down");
            block.add(dim, o);
        });
        root.add(KEY, block);
    }
}
