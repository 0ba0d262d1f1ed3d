package org.latentlens.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestJsonTest {
    @TempDir
    Path tmp;

    private static ModelManifest sample() {
        return sample(LatentLayout.of(List.of("Smiling", "Eyeglasses"), 2, 1.5f, 3f));
    }

    private static ModelManifest sample(LatentLayout latent) {
        return new ModelManifest(
                1,
                "faces",
                "Synthetic faces.",
                ImageSpec.rgbSquare(64),
                latent,
                List.of("Smiling", "Eyeglasses"),
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
    void roundTripsTheRealismCalibration() throws Exception {
        RealismCalibration c = new RealismCalibration(
                ScoreDistribution.of(new double[] {1.5, 2.25, 3.125, 4}, 4),
                ScoreDistribution.of(new double[] {-9.123456789, -8}, 21),
                "synthetic(seed=1000004), held-out images");
        ManifestJson.write(sample().withCalibration(c), tmp);
        ModelManifest back = ManifestJson.read(tmp);
        assertEquals(c.realSource(), back.calibration().realSource());
        assertEquals(4, back.calibration().real().count());
        assertEquals(c.real(), back.calibration().real(), "four-decimal scores come back unchanged");
        assertEquals(21, back.calibration().generated().quantiles().length);
        assertEquals(-9.1235, back.calibration().generated().min(), 1e-12, "written rounded to four decimals");
        assertEquals(back.calibration(), back.withMetrics(Map.of()).calibration(), "new metrics keep the calibration");
    }

    @Test
    void aManifestWithoutCalibrationStillReads() throws Exception {
        String json = ManifestJson.toJson(sample());
        assertFalse(json.contains("calibration"), "nothing is written when there is nothing to say");
        assertNull(ManifestJson.parse(json, "m.json").calibration());
    }

    @Test
    void aBrokenCalibrationReadsAsUncalibratedSoEvaluateCanRewriteIt() throws Exception {
        RealismCalibration c = new RealismCalibration(
                ScoreDistribution.of(new double[] {1, 2}, 3), ScoreDistribution.of(new double[] {0, 1}, 3), "");
        String json = ManifestJson.toJson(sample().withCalibration(c));
        assertNull(ManifestJson.parse(json.replaceFirst("\"count\": 2", "\"count\": 0"), "m.json")
                .calibration());
        assertNull(
                ManifestJson.parse(json.replaceFirst("\"quantiles\": \\[", "\"quantiles\": [3,"), "m.json")
                        .calibration(),
                "quantiles out of order");
        assertEquals(c, ManifestJson.parse(json, "m.json").calibration());
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

    @Test
    void theShareOfTrainingImagesWithAnAttributeRoundTripsAndOnlyWhereItMeansSomething() throws Exception {
        ModelManifest plain = sample();
        List<LatentDimension> dims = new ArrayList<>(plain.latent().dimensions());
        dims.set(1, dims.get(1).withPresence(0.0415f));
        ModelManifest m = sample(new LatentLayout(dims));
        ManifestJson.write(m, tmp);
        ModelManifest back = ManifestJson.read(tmp);
        assertEquals(0.0415f, back.latent().get(1).presence());
        assertFalse(back.latent().get(0).hasPresence(), "left unsaid where it was not given");
        assertFalse(ManifestJson.toJson(plain).contains("presence"), "a manifest without presences is unchanged");

        String json = ManifestJson.toJson(m);
        String high = failure(json.replace("\"presence\": 0.0415", "\"presence\": 4.15"));
        assertTrue(high.contains("'Eyeglasses' has presence 4.15") && high.contains("between 0 and 1"), high);
        String free = failure(
                withLatent("[{\"name\": \"free_0\", \"kind\": \"free\", \"min\": -3, \"max\": 3, \"presence\": 0.5}]"));
        assertTrue(free.contains("'free_0' is free and cannot have a presence"), free);
    }

    private String failure(String json) {
        return assertThrows(ModelBundleException.class, () -> ManifestJson.parse(json, "manifest.json"))
                .getMessage();
    }

    private static String withLatent(String latent) {
        return "{\"formatVersion\": 1, \"name\": \"m\", \"image\": {\"width\": 8, \"height\": 8, \"channels\": 3,"
                + " \"range\": [-1, 1]}, \"latent\": " + latent + ", \"attributes\": [], \"signatures\": []}";
    }

    @Test
    void wrongKindsOfValuesSayWhatIsWrongNotJustAGsonTypeName() {
        String m = failure(withLatent("[5]"));
        assertTrue(m.contains("each entry of 'latent' must be an object"), m);
        m = failure(withLatent("[{\"name\": {}, \"kind\": \"free\", \"min\": -3, \"max\": 3}]"));
        assertTrue(m.contains("field 'name' must be text, not {}"), m);
        m = failure(withLatent("[{\"name\": \"free_0\", \"kind\": \"free\", \"min\": -3, \"max\": 3},"
                + " {\"name\": \"FREE_0\", \"kind\": \"free\", \"min\": -3, \"max\": 3}]"));
        assertTrue(m.contains("'FREE_0' appears twice (names are compared ignoring case)"), m);
    }

    @Test
    void aHugeDescriptionIsCutAndAHugeFileRefused() throws Exception {
        String longText = "x".repeat(50_000);
        ModelManifest m = ManifestJson.parse(
                withLatent("[{\"name\": \"z\", \"kind\": \"free\", \"min\": -3, \"max\": 3}]")
                        .replace("\"name\": \"m\"", "\"name\": \"m\", \"description\": \"" + longText + "\""),
                "manifest.json");
        assertTrue(m.description().length() < 2_100, "cut to a readable length");
        assertTrue(
                m.description().endsWith("(cut: 50000 characters in all)"),
                m.description().substring(1990));
        Files.writeString(tmp.resolve("manifest.json"), " ".repeat(5 << 20));
        String big = assertThrows(ModelBundleException.class, () -> ManifestJson.read(tmp))
                .getMessage();
        assertTrue(big.contains("is 5 MB; a manifest is a few kilobytes"), big);
    }
}
