package org.latentlens.tensorflow;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.ModelBundleException;
import org.latentlens.tensorflow.graph.GanArchitecture;
import org.latentlens.tensorflow.graph.GanNetworks;

/**
 * What {@code bench/torch_peers.py export} reads to rebuild a bundle's generator in PyTorch: the architecture, every
 * generator variable as little-endian float32 in TensorFlow's layout, and codes with the images our generator makes of
 * them, so the script can prove its copy computes the same thing before it saves the TorchScript.
 */
public final class TorchPeerFiles {
    private TorchPeerFiles() {}

    /** Writes {@code peer.json}, one {@code <variable>.f32} per generator variable, {@code z.f32} and {@code images.f32}. */
    public static void write(Path bundleDir, GanArchitecture arch, FloatMatrix codes, Path outDir)
            throws IOException, ModelBundleException {
        Files.createDirectories(outDir);
        try (RawSessionGenerator raw = RawSessionGenerator.open(bundleDir)) {
            Map<String, float[]> weights = raw.variables(GanNetworks.GENERATOR + ".");
            if (weights.isEmpty()) {
                throw new ModelBundleException(
                        bundleDir + " has no generator variables named G.*; only bundles written by"
                                + " our trainer can be rebuilt in PyTorch");
            }
            Map<String, long[]> shapes = new LinkedHashMap<>();
            for (var e : weights.entrySet()) {
                shapes.put(e.getKey(), raw.variableShape(e.getKey()));
                writeFloats(outDir.resolve(e.getKey() + ".f32"), e.getValue());
            }
            ImageBatch images = raw.generate(codes);
            writeFloats(outDir.resolve("z.f32"), codes.data());
            writeFloats(outDir.resolve("images.f32"), images.data());
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("architecture", arch);
            spec.put("variables", shapes);
            spec.put("codes", codes.rows());
            Files.writeString(
                    outDir.resolve("peer.json"),
                    new GsonBuilder().setPrettyPrinting().create().toJson(spec));
        }
    }

    private static void writeFloats(Path file, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        Files.write(file, b.array());
    }
}
