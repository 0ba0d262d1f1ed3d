package org.latentlens.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.ManifestJson;
import org.latentlens.core.model.ModelBundleException;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.tensorflow.graph.GanArchitecture;

/** Every way a bundle can be wrong ends in a message that says what and what to do. */
class ModelBundleValidationTest {
    @TempDir
    Path tmp;

    private final DjlModelLoader loader = new DjlModelLoader();

    private String failure(Path dir) {
        ModelBundleException e =
                assertThrows(ModelBundleException.class, () -> loader.load(dir).close());
        return e.getMessage();
    }

    @Test
    void missingFolder() {
        String m = failure(tmp.resolve("nowhere"));
        assertTrue(m.contains("no model folder"), m);
    }

    @Test
    void missingManifest() throws Exception {
        Path dir = TinyBundles.write(tmp.resolve("b"), 1);
        Files.delete(dir.resolve("manifest.json"));
        String m = failure(dir);
        assertTrue(m.contains("has no manifest.json") && m.contains("docs/model-format.md"), m);
    }

    @Test
    void unreadableManifest() throws Exception {
        Path dir = TinyBundles.write(tmp.resolve("b"), 1);
        Files.writeString(dir.resolve("manifest.json"), "{ \"formatVersion\": 1, \"name\": ");
        String m = failure(dir);
        assertTrue(m.contains("not valid JSON"), m);
    }

    @Test
    void unknownFormatVersion() throws Exception {
        Path dir = TinyBundles.write(tmp.resolve("b"), 1);
        String text =
                Files.readString(dir.resolve("manifest.json")).replace("\"formatVersion\": 1", "\"formatVersion\": 99");
        Files.writeString(dir.resolve("manifest.json"), text);
        String m = failure(dir);
        assertTrue(m.contains("format version 99 is not supported"), m);
    }

    @Test
    void wrongFormatTagIsRefused() throws Exception {
        Path dir = TinyBundles.write(tmp.resolve("b"), 1);
        String text = Files.readString(dir.resolve("manifest.json")).replace("\"latent-lens-model\"", "\"onnx-gan\"");
        Files.writeString(dir.resolve("manifest.json"), text);
        String m = failure(dir);
        assertTrue(m.contains("field 'format' is 'onnx-gan' but must be 'latent-lens-model'"), m);
    }

    @Test
    void fractionalFormatVersionIsNotReadAsOne() throws Exception {
        Path dir = TinyBundles.write(tmp.resolve("b"), 1);
        for (String v : new String[] {"1.5", "4294967297"}) {
            String text = Files.readString(dir.resolve("manifest.json"))
                    .replaceAll("\"formatVersion\": [0-9.]+", "\"formatVersion\": " + v);
            Files.writeString(dir.resolve("manifest.json"), text);
            String m = failure(dir);
            assertTrue(m.contains("'formatVersion' must be a whole number, not " + v), m);
        }
    }

    @Test
    void roleMappedToAMissingSignatureNamesThoseThatExist() throws Exception {
        Path dir = TinyBundles.write(tmp.resolve("b"), 1);
        String text = Files.readString(dir.resolve("manifest.json"))
                .replace("\"metrics\"", "\"roles\": {\"encode\": {\"signature\": \"encoder\"}},\n  \"metrics\"");
        Files.writeString(dir.resolve("manifest.json"), text);
        String m = failure(dir);
        assertTrue(m.contains("says encode is signature 'encoder'") && m.contains("'discriminate' (inputs [image]"), m);
    }

    @Test
    void manifestFieldMissing() throws Exception {
        Path dir = TinyBundles.write(tmp.resolve("b"), 1);
        String text = Files.readString(dir.resolve("manifest.json")).replace("\"latent\"", "\"latentt\"");
        Files.writeString(dir.resolve("manifest.json"), text);
        String m = failure(dir);
        assertTrue(m.contains("required field 'latent' is missing"), m);
    }

    @Test
    void anExportKilledBetweenItsTwoRenamesStillOpens() throws Exception {
        Path dir = TinyBundles.write(tmp.resolve("b"), 1);
        Files.move(dir.resolve("saved_model"), dir.resolve(".saved_model.old-123"));
        Files.createDirectories(dir.resolve(".saved_model.writing-124"));
        loader.load(dir).close();
        assertTrue(Files.isRegularFile(dir.resolve("saved_model/saved_model.pb")));
        BundleWriter.writeRandom(TinyBundles.architecture(), 2, TinyBundles.manifest(), dir);
        try (var files = Files.list(dir)) {
            assertEquals(
                    List.of("manifest.json", "saved_model"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the next export cleans every staging folder");
        }
    }

    @Test
    void aBundleWithoutItsVariablesIsRefusedWhenOpenedNotOnFirstUse() throws Exception {
        Path dir = TinyBundles.write(tmp.resolve("b"), 1);
        BundleWriter.deleteRecursively(dir.resolve("saved_model/variables"));
        String m = failure(dir);
        assertTrue(m.contains("generate failed"), m);
        assertTrue(m.contains("saved_model/variables/ was copied along"), m);
    }

    @Test
    void missingSavedModel() throws Exception {
        Path dir = TinyBundles.write(tmp.resolve("b"), 1);
        BundleWriter.deleteRecursively(dir.resolve("saved_model"));
        String m = failure(dir);
        assertTrue(m.contains("no saved_model/saved_model.pb"), m);
    }

    @Test
    void damagedSavedModel() throws Exception {
        Path dir = TinyBundles.write(tmp.resolve("b"), 1);
        Files.write(dir.resolve("saved_model/saved_model.pb"), new byte[] {1, 2, 3, 4, 5});
        String m = failure(dir);
        assertTrue(m.contains("damaged"), m);
    }

    @Test
    void latentSizeDisagreesWithManifest() throws Exception {
        Path dir = TinyBundles.write(tmp.resolve("b"), 1);
        ModelManifest good = ManifestJson.read(dir);
        ModelManifest wrong = new ModelManifest(
                1,
                good.name(),
                "",
                good.image(),
                LatentLayout.of(TinyBundles.ATTRIBUTES, TinyBundles.FREE + 1, 1.5f, 3f),
                good.attributes(),
                good.signatures(),
                null,
                Map.of());
        ManifestJson.write(wrong, dir);
        String m = failure(dir);
        assertTrue(m.contains("Shape mismatch") && m.contains("'z'"), m);
    }

    @Test
    void imageSizeDisagreesWithManifest() throws Exception {
        Path dir = TinyBundles.write(tmp.resolve("b"), 1);
        ModelManifest good = ManifestJson.read(dir);
        ModelManifest wrong = new ModelManifest(
                1,
                good.name(),
                "",
                ImageSpec.rgbSquare(32),
                good.latent(),
                good.attributes(),
                good.signatures(),
                null,
                Map.of());
        ManifestJson.write(wrong, dir);
        String m = failure(dir);
        assertTrue(m.contains("Shape mismatch") && m.contains("'image'"), m);
    }

    @Test
    void attributeCountDisagreesWithManifest() throws Exception {
        GanArchitecture arch = new GanArchitecture(16, 3, 2, 3, 3, 4, 16, 16);
        Path dir = tmp.resolve("b");
        BundleWriter.writeRandom(arch, 1, TinyBundles.manifest(), dir);
        String m = failure(dir);
        assertTrue(m.contains("Shape mismatch") && m.contains("'attributes'"), m);
    }

    @Test
    void manifestListsASignatureTheModelLacks() throws Exception {
        Path dir = TinyBundles.write(tmp.resolve("b"), 1);
        ModelManifest good = ManifestJson.read(dir);
        List<String> signatures = new ArrayList<>(good.signatures());
        signatures.add("explain");
        ManifestJson.write(
                new ModelManifest(
                        1, good.name(), "", good.image(), good.latent(), good.attributes(), signatures, null, Map.of()),
                dir);
        String m = failure(dir);
        assertTrue(m.contains("lists signature 'explain' but the SavedModel lacks it"), m);
    }
}
