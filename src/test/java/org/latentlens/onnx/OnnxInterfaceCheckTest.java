package org.latentlens.onnx;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.latentlens.core.model.ManifestJson;
import org.latentlens.core.model.ModelBundleException;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.ModelRole;

/** The interface check on graphs as exporters write them, without ONNX Runtime. */
class OnnxInterfaceCheckTest {
    private static final String MANIFEST = """
      {"formatVersion": 1, "name": "m", "attributes": [],
       "image": {"width": 16, "height": 16, "channels": 3, "range": [-1, 1], "layout": "NCHW"},
       "latent": [{"name": "free_0", "kind": "free", "min": -3, "max": 3},
                  {"name": "free_1", "kind": "free", "min": -3, "max": 3}]}""";

    @Test
    void aDynamicBatchPassesAndAFixedOneIsRefusedWithTheExportArgument() throws Exception {
        ModelManifest manifest = ManifestJson.parse(MANIFEST, "manifest.json");
        OnnxInterfaceCheck check = new OnnxInterfaceCheck(manifest);
        assertDoesNotThrow(() -> check.check(Map.of(ModelRole.GENERATE, generator(-1))));
        // What torch.onnx.export writes without dynamic_axes: the example batch baked in.
        ModelBundleException e =
                assertThrows(ModelBundleException.class, () -> check.check(Map.of(ModelRole.GENERATE, generator(2))));
        assertTrue(
                e.getMessage().contains("input 'z' is [2, 2], a fixed batch of 2")
                        && e.getMessage().contains("dynamic_axes={\"z\": {0: \"n\"}"),
                e.getMessage());
    }

    @Test
    void float64AndUnknownShapesAreToldApart() throws Exception {
        OnnxInterfaceCheck check = new OnnxInterfaceCheck(ManifestJson.parse(MANIFEST, "manifest.json"));
        OnnxGraph unknownShape = new OnnxGraph(
                10,
                List.of(new OnnxGraph.Value("z", OnnxGraph.FLOAT, null)),
                List.of(new OnnxGraph.Value("image", OnnxGraph.FLOAT, null)),
                List.of(),
                List.of());
        assertDoesNotThrow(() -> check.check(Map.of(ModelRole.GENERATE, unknownShape)), "the self-check runs it");
        OnnxGraph doubles = new OnnxGraph(
                10,
                List.of(new OnnxGraph.Value("z", 11, new long[] {-1, 2})),
                List.of(new OnnxGraph.Value("image", 11, new long[] {-1, 3, 16, 16})),
                List.of(),
                List.of());
        ModelBundleException e =
                assertThrows(ModelBundleException.class, () -> check.check(Map.of(ModelRole.GENERATE, doubles)));
        assertTrue(
                e.getMessage().contains("holds float64") && e.getMessage().contains("model.float()"), e.getMessage());
    }

    private static OnnxGraph generator(long batch) {
        return new OnnxGraph(
                10,
                List.of(new OnnxGraph.Value("z", OnnxGraph.FLOAT, new long[] {batch, 2})),
                List.of(new OnnxGraph.Value("image", OnnxGraph.FLOAT, new long[] {batch, 3, 16, 16})),
                List.of(),
                List.of());
    }
}
