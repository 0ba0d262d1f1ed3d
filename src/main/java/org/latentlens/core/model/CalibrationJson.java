package org.latentlens.core.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The manifest's optional {@code calibration} block, kept apart from {@link ManifestJson} because it is optional
 * and grows on its own: bundles written before it existed simply have none.
 *
 * <pre>
 * "calibration": { "realism": {
 *     "realSource": "synthetic(seed=1), held-out split",
 *     "real":      { "count": 1000, "quantiles": [q0, q1, ..., q100] },
 *     "generated": { "count": 1000, "quantiles": [q0, q1, ..., q100] } } }
 * </pre>
 */
final class CalibrationJson {
    static final String KEY = "calibration";
    // Scores are logits; four decimals are far finer than any reading of them, and keep the manifest legible.
    private static final double ROUNDING = 1e4;

    private CalibrationJson() {}

    /**
     * The realism calibration in {@code root}, or {@code null} when the manifest has none or a malformed one. A
     * broken block does not refuse the bundle: the app then says the model is not calibrated, and
     * {@code latent-lens evaluate}, which must be able to read the manifest, writes a good one.
     */
    static RealismCalibration read(JsonObject root) {
        JsonObject realism = object(root, KEY) == null ? null : object(object(root, KEY), "realism");
        if (realism == null) {
            return null;
        }
        try {
            String source =
                    realism.has("realSource") ? realism.get("realSource").getAsString() : "";
            return new RealismCalibration(distribution(realism, "real"), distribution(realism, "generated"), source);
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** Adds the block to {@code root} when there is a calibration. */
    static void write(RealismCalibration c, JsonObject root) {
        if (c == null) {
            return;
        }
        JsonObject realism = new JsonObject();
        realism.addProperty("realSource", c.realSource());
        realism.add("real", toJson(c.real()));
        realism.add("generated", toJson(c.generated()));
        JsonObject block = new JsonObject();
        block.add("realism", realism);
        root.add(KEY, block);
    }

    private static ScoreDistribution distribution(JsonObject realism, String key) {
        JsonObject d = object(realism, key);
        if (d == null
                || !d.has("count")
                || !d.has("quantiles")
                || !d.get("quantiles").isJsonArray()) {
            throw new IllegalArgumentException("'calibration.realism." + key + "' needs a count and a quantiles array");
        }
        JsonArray a = d.getAsJsonArray("quantiles");
        double[] q = new double[a.size()];
        for (int i = 0; i < q.length; i++) {
            q[i] = a.get(i).getAsDouble();
        }
        return new ScoreDistribution(d.get("count").getAsInt(), q);
    }

    private static JsonObject toJson(ScoreDistribution d) {
        JsonObject o = new JsonObject();
        o.addProperty("count", d.count());
        JsonArray q = new JsonArray();
        for (double v : d.quantiles()) {
            q.add(Math.round(v * ROUNDING) / ROUNDING);
        }
        o.add("quantiles", q);
        return o;
    }

    private static JsonObject object(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }
}
