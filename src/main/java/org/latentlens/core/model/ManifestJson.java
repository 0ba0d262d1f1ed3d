package org.latentlens.core.model;

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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.latentlens.core.io.SafeFiles;

/** Reads and writes {@code manifest.json}, the part of a model bundle people and tools read. */
public final class ManifestJson {
    /** File name of the manifest inside a bundle folder. */
    public static final String FILE_NAME = "manifest.json";

    private static final String FORMAT_TAG = "latent-lens-model";
    /** A manifest is a few kilobytes; anything this large is not one (and is not read into memory). */
    static final long MAX_BYTES = 4L << 20;
    /** Longest description kept; the rest is cut, so a huge one cannot flood a terminal or the model card. */
    static final int MAX_DESCRIPTION = 2_000;

    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private ManifestJson() {}

    /** Reads the manifest of the bundle in {@code bundleDir}. */
    public static ModelManifest read(Path bundleDir) throws ModelBundleException {
        Path file = bundleDir.resolve(FILE_NAME);
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ModelBundleException(
                        file + " is " + size / (1 << 20) + " MB; a manifest is a few kilobytes of JSON "
                                + "(see docs/model-format.md). Is this the right file?");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ModelBundleException(
                    bundleDir + " has no " + FILE_NAME + ". A model bundle is a SavedModel folder plus a manifest;"
                            + " see docs/model-format.md for how to write one.",
                    e);
        } catch (IOException e) {
            throw new ModelBundleException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses manifest text; {@code source} names it in error messages. */
    public static ModelManifest parse(String text, String source) throws ModelBundleException {
        JsonObject root;
        try {
            JsonElement element = JsonParser.parseString(text);
            if (!element.isJsonObject()) {
                throw new ModelBundleException(source + " is not a JSON object. See docs/model-format.md.");
            }
            root = element.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new ModelBundleException(
                    source + " is not valid JSON (" + e.getMessage() + "). Fix or re-export it.", e);
        }
        try {
            return fromJson(root);
        } catch (ManifestFieldException | IllegalArgumentException e) {
            throw new ModelBundleException(source + ": " + e.getMessage() + ". See docs/model-format.md.", e);
        } catch (IllegalStateException | UnsupportedOperationException | ClassCastException e) {
            // Gson's own messages here are a bare type name ("JsonObject"): say what kind of mistake it is.
            throw new ModelBundleException(
                    source + ": a field holds the wrong kind of value (an object or list where "
                            + "text or a number belongs, or the reverse: " + e.getMessage()
                            + "). Compare it with the example in "
                            + "docs/model-format.md.",
                    e);
        }
    }

    private static ModelManifest fromJson(JsonObject root) throws ManifestFieldException {
        if (root.has("format") && !FORMAT_TAG.equals(optionalString(root, "format"))) {
            throw new ManifestFieldException("field 'format' is '" + optionalString(root, "format") + "' but must be '"
                    + FORMAT_TAG + "' (or be left out)");
        }
        int version = requiredInt(root, "formatVersion");
        if (version != ModelManifest.CURRENT_FORMAT_VERSION) {
            throw new ManifestFieldException("format version " + version
                    + " is not supported (this Latent Lens reads version " + ModelManifest.CURRENT_FORMAT_VERSION
                    + "); re-export the model with a matching Latent Lens");
        }
        JsonObject image = requiredObject(root, "image");
        JsonArray range = requiredArray(image, "range");
        if (range.size() != 2) {
            throw new ManifestFieldException("'image.range' must be [min, max]");
        }
        ImageSpec spec = new ImageSpec(
                requiredInt(image, "width"),
                requiredInt(image, "height"),
                requiredInt(image, "channels"),
                finite(range.get(0), "image.range"),
                finite(range.get(1), "image.range"));
        ImageLayout layout =
                image.has("layout") ? ImageLayout.parse(optionalString(image, "layout")) : ImageLayout.NHWC;

        List<LatentDimension> dims = new ArrayList<>();
        for (JsonElement e : requiredArray(root, "latent")) {
            if (!e.isJsonObject()) {
                throw new ManifestFieldException(
                        "each entry of 'latent' must be an object like {\"name\": \"Smiling\", "
                                + "\"kind\": \"semantic\", \"min\": -1.5, \"max\": 1.5}, not " + shorten(e.toString()));
            }
            JsonObject d = e.getAsJsonObject();
            String kindText = requiredString(d, "kind");
            DimensionKind kind;
            try {
                kind = DimensionKind.valueOf(kindText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                throw new ManifestFieldException("latent kind '" + kindText + "' is neither 'semantic' nor 'free'");
            }
            float min = finite(required(d, "min"), "latent.min");
            float max = finite(required(d, "max"), "latent.max");
            float def =
                    d.has("default") ? finite(d.get("default"), "latent.default") : Math.max(min, Math.min(max, 0f));
            float presence = d.has("presence") ? finite(d.get("presence"), "latent.presence") : Float.NaN;
            dims.add(new LatentDimension(requiredString(d, "name"), kind, min, max, def, presence));
        }

        TrainingRecord training = null;
        if (root.has("training") && root.get("training").isJsonObject()) {
            JsonObject t = root.getAsJsonObject("training");
            Map<String, String> hp = new LinkedHashMap<>();
            if (t.has("hyperParameters")) {
                t.getAsJsonObject("hyperParameters")
                        .entrySet()
                        .forEach(en -> hp.put(en.getKey(), en.getValue().getAsString()));
            }
            training = new TrainingRecord(
                    optionalString(t, "dataset"),
                    t.has("steps") ? t.get("steps").getAsLong() : 0,
                    optionalString(t, "date"),
                    hp,
                    optionalString(t, "recipe"));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (root.has("metrics") && root.get("metrics").isJsonObject()) {
            root.getAsJsonObject("metrics")
                    .entrySet()
                    .forEach(en -> metrics.put(en.getKey(), en.getValue().getAsDouble()));
        }
        List<String> signatures = root.has("signatures") ? strings(requiredArray(root, "signatures")) : List.of();
        return new ModelManifest(
                version,
                requiredString(root, "name"),
                description(optionalString(root, "description")),
                spec,
                new LatentLayout(dims, categoricals(root)),
                root.has("attributes") ? strings(requiredArray(root, "attributes")) : List.of(),
                signatures,
                training,
                metrics,
                layout,
                roles(root),
                CalibrationJson.read(root),
                ExplainedJson.read(root));
    }

    /** The optional {@code categorical} list: {@code [{"name": "Race", "values": ["White", ...]}]}. */
    private static List<CategoricalFactor> categoricals(JsonObject root) throws ManifestFieldException {
        List<CategoricalFactor> out = new ArrayList<>();
        if (!root.has("categorical")) {
            return out;
        }
        for (JsonElement e : requiredArray(root, "categorical")) {
            if (!e.isJsonObject()) {
                throw new ManifestFieldException(
                        "each entry of 'categorical' must be an object like {\"name\": \"Race\", "
                                + "\"values\": [\"White\", \"Black\"]}");
            }
            out.add(new CategoricalFactor(
                    requiredString(e.getAsJsonObject(), "name"),
                    strings(requiredArray(e.getAsJsonObject(), "values"))));
        }
        return out;
    }

    /** The optional {@code roles} block: role to {@code {"signature", "inputs", "outputs"}}. */
    private static Map<ModelRole, RoleBinding> roles(JsonObject root) throws ManifestFieldException {
        Map<ModelRole, RoleBinding> roles = new EnumMap<>(ModelRole.class);
        if (!root.has("roles")) {
            return roles;
        }
        for (var entry : requiredObject(root, "roles").entrySet()) {
            ModelRole role = ModelRole.fromKey(entry.getKey());
            if (role == null) {
                throw new ManifestFieldException("'roles' has '" + entry.getKey()
                        + "', which is not a role; the roles are " + "generate, encode, discriminate and saliency");
            }
            if (!entry.getValue().isJsonObject()) {
                throw new ManifestFieldException("'roles." + role.key() + "' must be an object like {\"signature\": "
                        + "\"serving_default\", \"inputs\": {...}, \"outputs\": {...}}");
            }
            JsonObject o = entry.getValue().getAsJsonObject();
            Map<String, String> tensors = new LinkedHashMap<>();
            tensorNames(o, "inputs", role, role.inputs(), tensors);
            tensorNames(o, "outputs", role, role.outputs(), tensors);
            String signature = o.has("signature") ? optionalString(o, "signature") : role.key();
            roles.put(role, new RoleBinding(signature, tensors));
        }
        return roles;
    }

    private static void tensorNames(
            JsonObject role, String side, ModelRole r, List<String> ours, Map<String, String> into)
            throws ManifestFieldException {
        if (!role.has(side)) {
            return;
        }
        for (var e : requiredObject(role, side).entrySet()) {
            if (!ours.contains(e.getKey())) {
                throw new ManifestFieldException("'roles." + r.key() + "." + side + "' maps '" + e.getKey()
                        + "', but the " + side + " of " + r.key() + " are " + ours + " (write {\"" + ours.get(0)
                        + "\": \"name_in_your_model\"})");
            }
            into.put(e.getKey(), e.getValue().getAsString());
        }
    }

    private static float finite(JsonElement e, String field) throws ManifestFieldException {
        float v;
        try {
            v = e.getAsFloat();
        } catch (NumberFormatException | IllegalStateException | UnsupportedOperationException ex) {
            throw new ManifestFieldException("'" + field + "' must hold numbers");
        }
        if (!Float.isFinite(v)) {
            throw new ManifestFieldException("'" + field + "' must hold finite numbers, not " + v);
        }
        return v;
    }

    /**
     * Writes the manifest into {@code bundleDir}, replacing any earlier one atomically and on disk before it returns;
     * a kill leaves a {@link SafeFiles} temporary that the next export removes.
     */
    public static void write(ModelManifest manifest, Path bundleDir) throws IOException {
        Files.createDirectories(bundleDir);
        SafeFiles.writeString(bundleDir.resolve(FILE_NAME), toJson(manifest));
    }

    /** The JSON text of a manifest. */
    public static String toJson(ModelManifest m) {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT_TAG);
        root.addProperty("formatVersion", m.formatVersion());
        root.addProperty("name", m.name());
        root.addProperty("description", m.description());
        JsonObject image = new JsonObject();
        image.addProperty("width", m.image().width());
        image.addProperty("height", m.image().height());
        image.addProperty("channels", m.image().channels());
        JsonArray range = new JsonArray();
        range.add(m.image().minValue());
        range.add(m.image().maxValue());
        image.add("range", range);
        image.addProperty("layout", m.layout().name());
        root.add("image", image);
        JsonArray latent = new JsonArray();
        for (LatentDimension d : m.latent().dimensions()) {
            JsonObject o = new JsonObject();
            o.addProperty("name", d.name());
            o.addProperty("kind", d.kind().name().toLowerCase(Locale.ROOT));
            o.addProperty("min", d.min());
            o.addProperty("max", d.max());
            o.addProperty("default", d.defaultValue());
            if (d.hasPresence()) {
                o.addProperty("presence", d.presence());
            }
            latent.add(o);
        }
        root.add("latent", latent);
        if (!m.latent().categoricals().isEmpty()) {
            JsonArray groups = new JsonArray();
            for (CategoricalFactor c : m.latent().categoricals()) {
                JsonObject g = new JsonObject();
                g.addProperty("name", c.name());
                g.add("values", GSON.toJsonTree(c.values()));
                groups.add(g);
            }
            root.add("categorical", groups);
        }
        root.add("attributes", GSON.toJsonTree(m.attributes()));
        root.add("signatures", GSON.toJsonTree(m.signatures()));
        JsonObject roles = new JsonObject();
        m.roles().forEach((role, binding) -> {
            JsonObject b = new JsonObject();
            b.addProperty("signature", binding.signature());
            JsonObject inputs = new JsonObject();
            JsonObject outputs = new JsonObject();
            binding.tensors()
                    .forEach((ours, theirs) ->
                            (role.inputs().contains(ours) ? inputs : outputs).addProperty(ours, theirs));
            b.add("inputs", inputs);
            b.add("outputs", outputs);
            roles.add(role.key(), b);
        });
        if (!m.roles().isEmpty()) {
            root.add("roles", roles);
        }
        if (m.training() != null) {
            JsonObject t = new JsonObject();
            t.addProperty("dataset", m.training().dataset());
            t.addProperty("steps", m.training().steps());
            t.addProperty("date", m.training().date());
            t.addProperty("recipe", m.training().recipe());
            t.add("hyperParameters", GSON.toJsonTree(m.training().hyperParameters()));
            root.add("training", t);
        }
        JsonObject metrics = new JsonObject();
        m.metrics().forEach(metrics::addProperty);
        root.add("metrics", metrics);
        CalibrationJson.write(m.calibration(), root);
        ExplainedJson.write(m.explained(), root);
        return GSON.toJson(root) + "\n";
    }

    private static List<String> strings(JsonArray array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.getAsString()));
        return out;
    }

    private static JsonElement required(JsonObject o, String key) throws ManifestFieldException {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw new ManifestFieldException("required field '" + key + "' is missing");
        }
        return e;
    }

    private static JsonObject requiredObject(JsonObject o, String key) throws ManifestFieldException {
        JsonElement e = required(o, key);
        if (!e.isJsonObject()) {
            throw new ManifestFieldException("field '" + key + "' must be an object");
        }
        return e.getAsJsonObject();
    }

    private static JsonArray requiredArray(JsonObject o, String key) throws ManifestFieldException {
        JsonElement e = required(o, key);
        if (!e.isJsonArray()) {
            throw new ManifestFieldException("field '" + key + "' must be an array");
        }
        return e.getAsJsonArray();
    }

    private static String requiredString(JsonObject o, String key) throws ManifestFieldException {
        JsonElement e = required(o, key);
        if (!e.isJsonPrimitive()) {
            throw new ManifestFieldException("field '" + key + "' must be text, not " + shorten(e.toString()));
        }
        return e.getAsString();
    }

    private static String description(String text) {
        return text.length() <= MAX_DESCRIPTION
                ? text
                : text.substring(0, MAX_DESCRIPTION) + "… (cut: " + text.length() + " characters in all)";
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    private static String optionalString(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : "";
    }

    private static int requiredInt(JsonObject o, String key) throws ManifestFieldException {
        try {
            // getAsInt would read 1.5 as 1 and 4294967297 as 1: go through an exact BigDecimal instead.
            return required(o, key).getAsBigDecimal().intValueExact();
        } catch (NumberFormatException
                | ArithmeticException
                | IllegalStateException
                | UnsupportedOperationException e) {
            throw new ManifestFieldException("field '" + key + "' must be a whole number, not " + o.get(key));
        }
    }

    private static float requiredFloat(JsonObject o, String key) throws ManifestFieldException {
        try {
            return required(o, key).getAsFloat();
        } catch (NumberFormatException | IllegalStateException | UnsupportedOperationException e) {
            throw new ManifestFieldException("field '" + key + "' must be a number");
        }
    }

    /** A field-level problem, turned into a {@link ModelBundleException} with the file name. */
    private static final class ManifestFieldException extends Exception {
        ManifestFieldException(String message) {
            super(message);
        }
    }
}
