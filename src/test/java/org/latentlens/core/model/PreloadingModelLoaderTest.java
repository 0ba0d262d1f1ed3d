package org.latentlens.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PreloadingModelLoaderTest {
    /** Counts its loads; refuses folders named "broken". */
    static final class CountingLoader implements ModelLoader {
        final List<Path> loaded = new CopyOnWriteArrayList<>();

        @Override
        public GanModel load(Path dir) throws ModelBundleException {
            return load(dir, LoadOptions.UNTRUSTED);
        }

        @Override
        public GanModel load(Path dir, LoadOptions options) throws ModelBundleException {
            loaded.add(dir);
            if (dir.getFileName().toString().equals("broken")) {
                throw new ModelBundleException("broken has no manifest");
            }
            return new FakeGanModel(new ModelManifest(
                    1,
                    "fake",
                    "",
                    ImageSpec.rgbSquare(8),
                    LatentLayout.of(List.of("Smiling"), 1, 1.5f, 3f),
                    List.of("Smiling"),
                    List.of(),
                    null,
                    Map.of()));
        }
    }

    @Test
    void theFirstLoadOfThePreloadedFolderGetsTheEarlyModelAndLaterLoadsLoadAgain() throws Exception {
        CountingLoader inner = new CountingLoader();
        PreloadingModelLoader loader = new PreloadingModelLoader(inner);
        List<GanModel> warmed = new CopyOnWriteArrayList<>();
        loader.preload(Path.of("models/a"), LoadOptions.UNTRUSTED, warmed::add);
        GanModel first = loader.load(Path.of("models/a"));
        assertEquals(List.of(first), warmed, "warmed on the loading thread before it is handed over");
        assertEquals(1, inner.loaded.size());
        GanModel second = loader.load(Path.of("models/a"));
        assertNotSame(first, second, "a model is handed over once; the next open loads its own");
        assertEquals(2, inner.loaded.size());
        loader.load(Path.of("models/b"));
        assertEquals(Path.of("models/b"), inner.loaded.get(2));
    }

    @Test
    void otherOptionsDoNotTakeThePreloadedModel() throws Exception {
        CountingLoader inner = new CountingLoader();
        PreloadingModelLoader loader = new PreloadingModelLoader(inner);
        loader.preload(Path.of("models/a"), LoadOptions.UNTRUSTED);
        GanModel trusted = loader.load(Path.of("models/a"), LoadOptions.TRUSTED);
        GanModel early = loader.load(Path.of("models/a"), LoadOptions.UNTRUSTED);
        assertNotSame(trusted, early);
        assertEquals(2, inner.loaded.size());
    }

    @Test
    void aPreloadThatFailedFailsTheLoadWithTheSameMessageAndAWarmingFailureIsIgnored() throws Exception {
        CountingLoader inner = new CountingLoader();
        PreloadingModelLoader loader = new PreloadingModelLoader(inner);
        loader.preload(Path.of("models/broken"), LoadOptions.UNTRUSTED);
        ModelBundleException e = assertThrows(ModelBundleException.class, () -> loader.load(Path.of("models/broken")));
        assertEquals("broken has no manifest", e.getMessage());

        loader.preload(Path.of("models/a"), LoadOptions.UNTRUSTED, m -> {
            throw new IllegalStateException("warming failed");
        });
        assertTrue(loader.load(Path.of("models/a")) instanceof FakeGanModel);
        assertSame(
                1, inner.loaded.stream().filter(p -> p.endsWith("a")).toList().size());
    }
}
