package org.latentlens.core.directions;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.latentlens.core.io.SafeFiles;
import org.latentlens.core.model.ModelBundleException;

/**
 * Reads and writes {@code directions.json}, the optional file beside a bundle's manifest that gives any generator
 * named sliders (see docs/model-format.md). It is an object with a {@code directions} list; a bare list of
 * directions is read too, for hand-written files.
 */
public final class DirectionsJson {
    /** File name inside a bundle folder. */
    public static final String FILE_NAME = "directions.json";

    private static final String FORMAT_TAG = "latent-lens-directions";
    private static final int FORMAT_VERSION = 1;
    /** Slider range of a direction that gives none: InterFaceGAN's usual ±3 on a unit-variance prior. */
    private static final float DEFAULT_HALF_RANGE = 3f;

    private static final double ROUNDING = 1e4;
    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private DirectionsJson() {}

    /**
     * The directions of the bundle in {@code bundleDir}; empty when it has no {@value #FILE_NAME}.
     *
     * @param latentSize the model's latent size, which every vector must have
     * @throws ModelBundleException naming the problem when the file is there but unusable
     */
    public static List<LatentDirection> read(Path bundleDir, int latentSize) throws ModelBundleException {
        Path file = bundleDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), latentSize);
        } catch (IOException e) {
            throw new ModelBundleException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses {@value #FILE_NAME} text; {@code source} names it in messages. */
    public static List<LatentDirection> parse(String text, String source, int latentSize) throws ModelBundleException {
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new ModelBundleException(
                    source + " is not valid JSON (" + e.getMessage() + "). Fix it, or write it"
                            + " again with `latent-lens directions`.",
                    e);
        }
        JsonArray list;
        if (root.isJsonArray()) {
            list = root.getAsJsonArray();
        } else if (root.isJsonObject() && root.getAsJsonObject().get("directions") instanceof JsonArray a) {
            JsonObject o = root.getAsJsonObject();
            JsonElement version = o.get("formatVersion");
            if (version != null
                    && !(version.isJsonPrimitive()
                            && version.getAsJsonPrimitive().isNumber()
                            && version.getAsDouble() == FORMAT_VERSION)) {
                throw new ModelBundleException(
                        source + " has format version " + o.get("formatVersion") + "; this Latent Lens reads version "
                                + FORMAT_VERSION + ". Write it again with `latent-lens directions`.");
            }
            list = a;
        } else {
            throw new ModelBundleException(source + " must be an object with a 'directions' list (or a bare list)."
                    + " See docs/model-format.md.");
        }
        List<LatentDirection> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String where = source + ", direction " + (i + 1) + nameOf(list.get(i));
            try {
                LatentDirection d = direction(list.get(i), latentSize);
                if (!names.add(d.name())) {
                    throw new IllegalArgumentException("the name '" + d.name() + "' appears twice");
                }
                out.add(d);
            } catch (IllegalArgumentException
                    | IllegalStateException
                    | UnsupportedOperationException
                    | ClassCastException e) {
                throw new ModelBundleException(
                        where + ": " + e.getMessage() + ". See docs/model-format.md, or write"
                                + " the file again with `latent-lens directions`.",
                        e);
            }
        }
        return out;
    }

    private static String nameOf(JsonElement e) {
        JsonElement n = e.isJsonObject() ? e.getAsJsonObject().get("name") : null;
        if (n != null && n.isJsonPrimitive()) {
            return " ('" + n.getAsString() + "')";
        }
        return "";
    }

    private static LatentDirection direction(JsonElement e, int latentSize) {
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException("is not an object");
        }
        JsonObject o = e.getAsJsonObject();
        String name = o.has("name") ? o.get("name").getAsString() : "";
        if (!(o.get("vector") instanceof JsonArray values)) {
            throw new IllegalArgumentException("has no 'vector' list");
        }
        if (values.size() != latentSize) {
            throw new IllegalArgumentException("has " + values.size() + " values in 'vector' but the"
                    + " model's latent code has " + latentSize + "; it was found for another model");
        }
        float[] vector = new float[latentSize];
        for (int i = 0; i < latentSize; i++) {
            vector[i] = values.get(i).getAsFloat();
        }
        String kindText = o.has("kind") ? o.get("kind").getAsString() : DirectionKind.SUPERVISED.key();
        DirectionKind kind;
        try {
            kind = DirectionKind.valueOf(kindText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(
                    "has kind '" + kindText + "'; it must be 'supervised' or" + " 'unsupervised'");
        }
        float min = -DEFAULT_HALF_RANGE;
        float max = DEFAULT_HALF_RANGE;
        if (o.has("range")) {
            JsonArray range = o.getAsJsonArray("range");
            if (range.size() != 2) {
                throw new IllegalArgumentException("has a 'range' that is not [min, max]");
            }
            min = range.get(0).getAsFloat();
            max = range.get(1).getAsFloat();
        }
        String attribute =
                o.has("attribute") ? o.get("attribute").getAsString() : kind == DirectionKind.SUPERVISED ? name : "";
        return new LatentDirection(
                name, kind, attribute, vector, min, max, share(o, "steerability"), share(o, "leakage"));
    }

    private static double share(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsDouble() : Double.NaN;
    }

    /**
     * Writes {@code directions} into {@code bundleDir}, replacing any earlier file atomically.
     *
     * @param measuredWith how they were found and measured, for people (the judge's data, the sample count)
     */
    public static void write(Path bundleDir, List<LatentDirection> directions, String measuredWith) throws IOException {
        SafeFiles.writeString(bundleDir.resolve(FILE_NAME), toJson(directions, measuredWith));
    }

    /** The file's text. */
    static String toJson(List<LatentDirection> directions, String measuredWith) {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT_TAG);
        root.addProperty("formatVersion", FORMAT_VERSION);
        root.addProperty("measuredWith", measuredWith);
        JsonArray list = new JsonArray();
        for (LatentDirection d : directions) {
            JsonObject o = new JsonObject();
            o.addProperty("name", d.name());
            o.addProperty("kind", d.kind().key());
            o.addProperty("attribute", d.attribute());
            JsonArray vector = new JsonArray();
            for (float v : d.vector()) {
                vector.add(v);
            }
            o.add("vector", vector);
            JsonArray range = new JsonArray();
            range.add(round(d.min()));
            range.add(round(d.max()));
            o.add("range", range);
            if (!Double.isNaN(d.steerability())) {
                o.addProperty("steerability", round(d.steerability()));
            }
            if (!Double.isNaN(d.leakage())) {
                o.addProperty("leakage", round(d.leakage()));
            }
            list.add(o);
        }
        root.add("directions", list);
        return GSON.toJson(root) + "\n";
    }

    private static double round(double v) {
        return Math.round(v * ROUNDING) / ROUNDING;
    }
}
