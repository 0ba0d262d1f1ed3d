package org.latentlens.core.directions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.model.ModelBundleException;

class DirectionsJsonTest {
    @TempDir
    Path tmp;

    private static LatentDirection smiling() {
        return new LatentDirection(
                "Smiling", DirectionKind.SUPERVISED, "Smiling", new float[] {0.6f, 0.8f, 0}, -1.5f, 1.5f, 0.97, 0.05);
    }

    @Test
    void writesAndReadsBack() throws Exception {
        LatentDirection pc = new LatentDirection(
                "PC1", DirectionKind.UNSUPERVISED, "", new float[] {0, 0, 1}, -2f, 2f, Double.NaN, Double.NaN);
        DirectionsJson.write(tmp, List.of(smiling(), pc), "judge on synthetic(seed=1), 100 samples");
        assertEquals(List.of(smiling(), pc), DirectionsJson.read(tmp, 3));
        String text = Files.readString(tmp.resolve(DirectionsJson.FILE_NAME));
        assertTrue(text.contains("\"kind\": \"unsupervised\"") && text.contains("\"measuredWith\""), text);
    }

    @Test
    void aBundleWithoutTheFileHasNoDirectionsAndABareListIsRead() throws Exception {
        assertEquals(List.of(), DirectionsJson.read(tmp, 3));
        List<LatentDirection> read = DirectionsJson.parse("[{\"name\": \"Smiling\", \"vector\": [0, 1, 0]}]", "f", 3);
        assertEquals(DirectionKind.SUPERVISED, read.get(0).kind(), "supervised unless told");
        assertEquals("Smiling", read.get(0).attribute(), "a supervised direction moves its namesake");
        assertEquals(-3f, read.get(0).min(), "InterFaceGAN's ±3 without a range");
        assertTrue(Double.isNaN(read.get(0).steerability()), "not measured");
    }

    @Test
    void refusesWhatCannotBeUsedSayingWhy() {
        assertMessage(
                "[{\"name\": \"A\", \"vector\": [0, 1]}]",
                "has 2 values in 'vector' but the model's latent code" + " has 3");
        assertMessage("[{\"name\": \"A\", \"vector\": [0, 2, 0]}]", "length 2.0000; its vector must be a unit vector");
        assertMessage("[{\"name\": \"A\", \"vector\": [0, NaN, 0]}]", "non-finite");
        assertMessage(
                "[{\"name\": \"A\", \"kind\": \"magic\", \"vector\": [0, 1, 0]}]", "'supervised' or 'unsupervised'");
        assertMessage("[{\"name\": \"A\", \"vector\": [0, 1, 0], \"range\": [1, -1]}]", "min below max");
        assertMessage(
                "[{\"name\": \"A\", \"vector\": [0, 1, 0]}, {\"name\": \"A\", \"vector\": [1, 0, 0]}]",
                "appears twice");
        assertMessage("[{\"vector\": [0, 1, 0]}]", "needs a name");
        assertMessage("[{\"name\": \"A\", \"vector\": [0, 1, 0], \"steerability\": 3}]", "share between 0 and 1");
        assertMessage("{\"formatVersion\": 2, \"directions\": []}", "format version 2");
        assertMessage("{\"nothing\": 1}", "'directions' list");
        assertMessage("[{", "not valid JSON");
    }

    private static void assertMessage(String text, String expected) {
        ModelBundleException e =
                assertThrows(ModelBundleException.class, () -> DirectionsJson.parse(text, "d.json", 3));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().startsWith("d.json"), e.getMessage());
    }
}
