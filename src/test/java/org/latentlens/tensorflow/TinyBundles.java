package org.latentlens.tensorflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.SignatureNames;
import org.latentlens.tensorflow.graph.GanArchitecture;

/** Tiny real bundles (random weights, a few layers) for tests. */
public final class TinyBundles {
    public static final List<String> ATTRIBUTES = List.of("Smiling", "Eyeglasses");
    public static final int SIZE = 16;
    public static final int FREE = 3;

    private TinyBundles() {}

    public static GanArchitecture architecture() {
        return new GanArchitecture(SIZE, 3, ATTRIBUTES.size(), FREE, ATTRIBUTES.size(), 4, 16, 16);
    }

    public static ModelManifest manifest() {
        return new ModelManifest(
                ModelManifest.CURRENT_FORMAT_VERSION,
                "tiny",
                "A tiny random model for tests.",
                ImageSpec.rgbSquare(SIZE),
                LatentLayout.of(ATTRIBUTES, FREE, 1.5f, 3f),
                ATTRIBUTES,
                List.of(
                        SignatureNames.GENERATE,
                        SignatureNames.ENCODE,
                        SignatureNames.DISCRIMINATE,
                        SignatureNames.SALIENCY),
                null,
                Map.of());
    }

    /** Writes a tiny random bundle into {@code dir} and returns it. */
    public static Path write(Path dir, long seed) throws IOException {
        BundleWriter.writeRandom(architecture(), seed, manifest(), dir);
        return dir;
    }
}
