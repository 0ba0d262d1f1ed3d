package org.latentlens.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.LatentSampler;

/** The benchmark's TensorFlow-side peers compute what our model computes, on a tiny real bundle. */
class GeneratorPeersTest {
    @TempDir
    Path tmp;

    static FloatMatrix codes(GanModel model, int n, long seed) {
        Random r = new Random(seed);
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(LatentSampler.sample(model.manifest().latent(), r));
        }
        return FloatMatrix.ofRows(rows);
    }

    @Test
    void rawSessionMakesTheImagesOurModelMakes() throws Exception {
        Path bundle = TinyBundles.write(tmp.resolve("tiny"), 4);
        try (GanModel ours = new DjlModelLoader().load(bundle);
                RawSessionGenerator raw = RawSessionGenerator.open(bundle)) {
            FloatMatrix z = codes(ours, 5, 1);
            ImageBatch expected = ours.generate(z);
            ImageBatch actual = raw.generate(z);
            assertEquals(expected.count(), actual.count());
            assertArrayEquals(expected.data(), actual.data(), 1e-6f);
            // One code alone gives the first image of the batch: no state leaks between rows or calls.
            assertArrayEquals(
                    expected.image(0), raw.generate(FloatMatrix.ofRow(z.row(0))).image(0), 1e-5f);
        }
    }

    @Test
    void outputTensorsReadWhatDjlReads() {
        TensorFlowRuntime.ensureStarted();
        try (NDManager m = NDManager.newBaseManager("TensorFlow")) {
            float[] values = {1.5f, -2f, 3.25f, 0f, 7f, -0.125f};
            NDArray computed = m.create(values, new Shape(2, 3)).mul(2).transpose();
            assertArrayEquals(computed.toFloatArray(), OutputTensors.toFloats(computed));
            assertArrayEquals(new float[] {3f, 0f, -4f, 14f, 6.5f, -0.25f}, OutputTensors.toFloats(computed));
        }
    }

    @Test
    void torchPeerFilesHoldTheGeneratorAndItsImages() throws Exception {
        Path bundle = TinyBundles.write(tmp.resolve("tiny"), 5);
        Path out = tmp.resolve("peer");
        try (GanModel ours = new DjlModelLoader().load(bundle)) {
            FloatMatrix z = codes(ours, 3, 2);
            TorchPeerFiles.write(bundle, TinyBundles.architecture(), z, out);
            var spec = JsonParser.parseString(Files.readString(out.resolve("peer.json")))
                    .getAsJsonObject();
            var variables = spec.getAsJsonObject("variables");
            int latent = TinyBundles.architecture().latentDims();
            int c4 = TinyBundles.architecture().channelsAt(4);
            assertEquals(latent, variables.getAsJsonArray("G.fc.w").get(0).getAsInt());
            assertEquals(16 * c4, variables.getAsJsonArray("G.fc.w").get(1).getAsInt());
            assertTrue(
                    variables.keySet().stream().allMatch(k -> k.startsWith("G.")),
                    variables.keySet().toString());
            assertEquals(16 * c4 * latent * 4L, Files.size(out.resolve("G.fc.w.f32")));
            assertArrayEquals(z.data(), floats(out.resolve("z.f32")));
            assertArrayEquals(ours.generate(z).data(), floats(out.resolve("images.f32")), 1e-6f);
        }
    }

    static float[] floats(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
