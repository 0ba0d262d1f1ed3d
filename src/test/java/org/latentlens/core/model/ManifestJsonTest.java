package org.latentlens.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestJsonTest {
  @TempDir Path tmp;

  private static ModelManifest sample() {
    return new ModelManifest(1, "faces", "Synthetic faces.", ImageSpec.rgbSquare(64),
        LatentLayout.of(List.of("Smiling", "Eyeglasses"), 2, 1.5f, 3f), List.of("Smiling", "Eyeglasses"),
        List.of("generate", "encode", "discriminate"),
        new TrainingRecord("synthetic", 1200, "2026-11-23T12:00:00Z", Map.of("batch", "32")),
        Map.of("steerability.Smiling", 0.97));
  }

  @Test
  void roundTripsEveryField() throws Exception {
    ModelManifest m = sample();
    ManifestJson.write(m, tmp);
    ModelManifest back = ManifestJson.read(tmp);
    assertEquals(m.name(), back.name());
    assertEquals(m.description(), back.description());
    assertEquals(m.image(), back.image());
    assertEquals(m.latent(), back.latent());
    assertEquals(m.attributes(), back.attributes());
    assertEquals(m.signatures(), back.signatures());
    assertEquals(m.training(), back.training());
    assertEquals(m.metrics(), back.metrics());
  }

  @Test
  void rejectsASemanticDimensionWithoutItsAttribute() throws Exception {
    String json = ManifestJson.toJson(sample()).replace("\"attributes\": [\n    \"Smiling\",", "\"attributes\": [");
    ModelBundleException e = assertThrows(ModelBundleException.class, () -> ManifestJson.parse(json, "m.json"));
    assertTrue(e.getMessage().contains("'Smiling' names no attribute"), e.getMessage());
  }

  @Test
  void rejectsAnEmptySliderRange() {
    String json = ManifestJson.toJson(sample()).replaceFirst("\"max\": 1.5", "\"max\": -1.5");
    ModelBundleException e = assertThrows(ModelBundleException.class, () -> ManifestJson.parse(json, "m.json"));
    assertTrue(e.getMessage().contains("min must be below max"), e.getMessage());
  }

  @Test
  void rejectsAnUnknownDimensionKind() {
    String json = ManifestJson.toJson(sample()).replaceFirst("\"kind\": \"free\"", "\"kind\": \"wobbly\"");
    ModelBundleException e = assertThrows(ModelBundleException.class, () -> ManifestJson.parse(json, "m.json"));
    assertTrue(e.getMessage().contains("'wobbly' is neither"), e.getMessage());
  }
}
