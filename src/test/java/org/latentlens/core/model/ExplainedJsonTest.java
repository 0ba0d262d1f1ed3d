package org.latentlens.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest's optional {@code explained} block: written, read back, kept by other edits, and lenient. */
class ExplainedJsonTest {
    @TempDir
    Path tmp;

    private static ModelManifest sample() {
        return new ModelManifest(
                1,
                "faces",
                "",
                ImageSpec.rgbSquare(64),
                LatentLayout.of(List.of("Smiling"), 2, 1.5f, 3f),
                List.of("Smiling"),
                List.of("generate"),
                null,
                Map.of("steerability.Smiling", 0.9));
    }

    @Test
    void roundTripsEachDimensionsAttributeSteersLeaksAndDirection() throws Exception {
        Map<String, DimensionExplanation> explained = new LinkedHashMap<>();
        explained.put("free_1", new DimensionExplanation("Eyeglasses", 0.7123456, 0.05, false));
        explained.put("free_0", new DimensionExplanation("Smiling", 0.25, 0, true));
        ManifestJson.write(sample().withExplained(explained), tmp);
        String text = Files.readString(tmp.resolve(ManifestJson.FILE_NAME));
        assertTrue(text.contains("\"explained\""), text);
        assertTrue(text.contains("\"direction\": \"down\""), text);
        ModelManifest back = ManifestJson.read(tmp);
        assertEquals(List.of("free_1", "free_0"), List.copyOf(back.explained().keySet()), "order kept");
        assertEquals(
                new DimensionExplanation("Eyeglasses", 0.7123, 0.05, false),
                back.explained().get("free_1"),
                "written to four decimals");
        assertEquals(explained.get("free_0"), back.explained().get("free_0"));
        assertEquals(
                back.explained(),
                back.withMetrics(Map.of()).withCalibration(null).explained(),
                "other edits keep the explanations");
    }

    @Test
    void aManifestWithoutTheBlockReadsAsNoExplanationsAndWritesNone() throws Exception {
        String json = ManifestJson.toJson(sample());
        assertFalse(json.contains("explained"));
        assertTrue(ManifestJson.parse(json, "m.json").explained().isEmpty());
    }

    @Test
    void aMalformedEntryIsLeftOutAndTheRestKept() throws Exception {
        String json = ManifestJson.toJson(sample())
                .replaceFirst(
                        "\"metrics\"",
                        "\"explained\": {\"free_0\": {\"attribute\": \"Smiling\", \"steers\": 0.5},"
                                + " \"free_1\": {\"attribute\": \"Smiling\", \"steers\": \"lots\"},"
                                + " \"free_2\": {\"steers\": 0.5}, \"free_3\": 7, \"free_4\": {\"attribute\": \"X\", \"steers\": 3}},\n"
                                + "  \"metrics\"");
        Map<String, DimensionExplanation> back =
                ManifestJson.parse(json, "m.json").explained();
        assertEquals(
                Map.of("free_0", new DimensionExplanation("Smiling", 0.5, 0, true)),
                back,
                "only the well-formed entry (direction defaults to up, leaks to 0)");
    }
}
