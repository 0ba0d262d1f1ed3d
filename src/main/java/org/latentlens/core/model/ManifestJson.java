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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads and writes {@code manifest.json}, the part of a model bundle people and tools read. */
public final class ManifestJson {
  /** File name of the manifest inside a bundle folder. */
  public static final String FILE_NAME = "manifest.json";

  private static final String FORMAT_TAG = "latent-lens-model";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  private ManifestJson() {}

  /** Reads the manifest of the bundle in {@code bundleDir}. */
  public static ModelManifest read(Path bundleDir) throws ModelBundleException {
    Path file = bundleDir.resolve(FILE_NAME);
    String text;
    try {
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
      throw new ModelBundleException(source + " is not valid JSON (" + e.getMessage() + "). Fix or re-export it.", e);
    }
    try {
      return fromJson(root);
    } catch (ManifestFieldException | IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
      throw new ModelBundleException(source + ": " + e.getMessage() + ". See docs/model-format.md.", e);
    }
  }

  private static ModelManifest fromJson(JsonObject root) throws ManifestFieldException {
    int version = requiredInt(root, "formatVersion");
    if (version != ModelManifest.CURRENT_FORMAT_VERSION) {
      throw new ManifestFieldException(
          "format version " + version + " is not supported (this Latent Lens reads version "
              + ModelManifest.CURRENT_FORMAT_VERSION + "); re-export the model with a matching Latent Lens");
    }
    JsonObject image = requiredObject(root, "image");
    JsonArray range = requiredArray(image, "range");
    if (range.size() != 2) {
      throw new ManifestFieldException("'image.range' must be [min, max]");
    }
    ImageSpec spec = new ImageSpec(
        requiredInt(image, "width"), requiredInt(image, "height"), requiredInt(image, "channels"),
        range.get(0).getAsFloat(), range.get(1).getAsFloat());

    List<LatentDimension> dims = new ArrayList<>();
    for (JsonElement e : requiredArray(root, "latent")) {
      JsonObject d = e.getAsJsonObject();
      String kindText = requiredString(d, "kind");
      DimensionKind kind;
      try {
        kind = DimensionKind.valueOf(kindText.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException ex) {
        throw new ManifestFieldException("latent kind '" + kindText + "' is neither 'semantic' nor 'free'");
      }
      float min = requiredFloat(d, "min");
      float max = requiredFloat(d, "max");
      float def = d.has("default") ? d.get("default").getAsFloat() : Math.max(min, Math.min(max, 0f));
      dims.add(new LatentDimension(requiredString(d, "name"), kind, min, max, def));
    }

    TrainingRecord training = null;
    if (root.has("training") && root.get("training").isJsonObject()) {
      JsonObject t = root.getAsJsonObject("training");
      Map<String, String> hp = new LinkedHashMap<>();
      if (t.has("hyperParameters")) {
        t.getAsJsonObject("hyperParameters").entrySet().forEach(en -> hp.put(en.getKey(), en.getValue().getAsString()));
      }
      training = new TrainingRecord(
          optionalString(t, "dataset"), t.has("steps") ? t.get("steps").getAsLong() : 0,
          optionalString(t, "date"), hp);
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (root.has("metrics") && root.get("metrics").isJsonObject()) {
      root.getAsJsonObject("metrics").entrySet().forEach(en -> metrics.put(en.getKey(), en.getValue().getAsDouble()));
    }
    return new ModelManifest(
        version, requiredString(root, "name"), optionalString(root, "description"), spec, new LatentLayout(dims),
        strings(requiredArray(root, "attributes")), strings(requiredArray(root, "signatures")), training, metrics,
        CalibrationJson.read(root));
  }

  /** Writes the manifest into {@code bundleDir}, replacing any earlier one atomically. */
  public static void write(ModelManifest manifest, Path bundleDir) throws IOException {
    Files.createDirectories(bundleDir);
    Path tmp = bundleDir.resolve(FILE_NAME + ".tmp");
    Files.writeString(tmp, toJson(manifest), StandardCharsets.UTF_8);
    Files.move(tmp, bundleDir.resolve(FILE_NAME), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
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
    image.addProperty("layout", "NHWC");
    root.add("image", image);
    JsonArray latent = new JsonArray();
    for (LatentDimension d : m.latent().dimensions()) {
      JsonObject o = new JsonObject();
      o.addProperty("name", d.name());
      o.addProperty("kind", d.kind().name().toLowerCase(Locale.ROOT));
      o.addProperty("min", d.min());
      o.addProperty("max", d.max());
      o.addProperty("default", d.defaultValue());
      latent.add(o);
    }
    root.add("latent", latent);
    root.add("attributes", GSON.toJsonTree(m.attributes()));
    root.add("signatures", GSON.toJsonTree(m.signatures()));
    if (m.training() != null) {
      JsonObject t = new JsonObject();
      t.addProperty("dataset", m.training().dataset());
      t.addProperty("steps", m.training().steps());
      t.addProperty("date", m.training().date());
      t.add("hyperParameters", GSON.toJsonTree(m.training().hyperParameters()));
      root.add("training", t);
    }
    JsonObject metrics = new JsonObject();
    m.metrics().forEach(metrics::addProperty);
    root.add("metrics", metrics);
    CalibrationJson.write(m.calibration(), root);
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
    return required(o, key).getAsString();
  }

  private static String optionalString(JsonObject o, String key) {
    return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : "";
  }

  private static int requiredInt(JsonObject o, String key) throws ManifestFieldException {
    try {
      return required(o, key).getAsInt();
    } catch (NumberFormatException | IllegalStateException | UnsupportedOperationException e) {
      throw new ManifestFieldException("field '" + key + "' must be a whole number");
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
