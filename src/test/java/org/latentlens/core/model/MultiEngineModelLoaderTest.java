package org.latentlens.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiEngineModelLoaderTest {
    @TempDir
    Path tmp;

    private final List<String> calls = new ArrayList<>();
    private final ModelLoader tf = recording("tf");
    private final ModelLoader onnx = recording("onnx");
    private final MultiEngineModelLoader loader = new MultiEngineModelLoader(List.of(
            new MultiEngineModelLoader.Engine("a SavedModel", dir -> Files.isDirectory(dir.resolve("saved_model")), tf),
            new MultiEngineModelLoader.Engine("ONNX models", dir -> Files.exists(dir.resolve("model.onnx")), onnx)));

    @Test
    void theFolderSaysWhichEngineOpensIt() throws Exception {
        Path savedModel = Files.createDirectories(tmp.resolve("a/saved_model")).getParent();
        Path onnxBundle = Files.createDirectories(tmp.resolve("b"));
        Files.createFile(onnxBundle.resolve("model.onnx"));
        loader.load(savedModel);
        loader.load(onnxBundle, LoadOptions.TRUSTED);
        loader.scanOperations(onnxBundle);
        assertEquals(List.of("tf load UNTRUSTED", "onnx load TRUSTED", "onnx scan"), calls);
    }

    @Test
    void aFolderNoEngineRecognisesGoesToTheDefaultWhichExplains() throws Exception {
        assertSame(tf, loader.choose(tmp.resolve("missing")));
        assertSame(tf, loader.choose(Files.createDirectories(tmp.resolve("empty"))));
    }

    @Test
    void aFolderWithModelsForTwoEnginesIsRefused() throws Exception {
        Path both = Files.createDirectories(tmp.resolve("both/saved_model")).getParent();
        Files.createFile(both.resolve("model.onnx"));
        ModelBundleException e = assertThrows(ModelBundleException.class, () -> loader.load(both));
        assertTrue(
                e.getMessage().contains("holds a model for more than one engine: a SavedModel and ONNX models"),
                e.getMessage());
        assertEquals(List.of(), calls);
    }

    private ModelLoader recording(String name) {
        return new ModelLoader() {
            @Override
            public GanModel load(Path bundleDir) {
                return load(bundleDir, LoadOptions.UNTRUSTED);
            }

            @Override
            public GanModel load(Path bundleDir, LoadOptions options) {
                calls.add(name + " load " + (options.trusted() ? "TRUSTED" : "UNTRUSTED"));
                return null;
            }

            @Override
            public Optional<OperationReport> scanOperations(Path bundleDir) {
                calls.add(name + " scan");
                return Optional.empty();
            }
        };
    }
}
