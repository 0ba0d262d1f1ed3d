package org.latentlens.torch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import java.nio.file.Path;
import org.latentlens.core.bench.GeneratorPeer;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.ImageBatch;

/**
 * A generator saved as TorchScript ({@code bench/torch_peers.py export}) run by DJL's PyTorch engine, called the way
 * our {@code DjlGanModel} calls TensorFlow: one NDManager scope per call around the block's forward. The libtorch
 * natives come from {@code ai.djl.pytorch:pytorch-native-cpu} on the class path, never from the network.
 */
public final class TorchScriptGenerator implements GeneratorPeer {
    /** The libtorch version the bundled natives provide (DJL 0.35's). */
    public static final String EXPECTED_VERSION = "2.7.1";

    private final ZooModel<NDList, NDList> model;
    private final int height;
    private final int width;
    private final int channels;

    private TorchScriptGenerator(ZooModel<NDList, NDList> model, int height, int width, int channels) {
        this.model = model;
        this.height = height;
        this.width = width;
        this.channels = channels;
    }

    /** Loads {@code file} (TorchScript taking codes [N, L] and returning images [N, H, W, C]). */
    public static TorchScriptGenerator open(Path file, int height, int width, int channels) {
        String version = start();
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file.getParent())
                .optModelName(file.getFileName().toString().replaceFirst("\\.pt$", ""))
                .optEngine("PyTorch")
                .optTranslator(new NoopTranslator())
                .build();
        try {
            return new TorchScriptGenerator(criteria.loadModel(), height, width, channels);
        } catch (Exception | UnsatisfiedLinkError e) {
            throw new IllegalStateException(
                    "libtorch " + version + " could not load " + file + ": " + e.getMessage(), e);
        }
    }

    /** Starts DJL's PyTorch engine offline; returns libtorch's version. */
    public static String start() {
        // The natives are in pytorch-native-cpu's jar; DJL must never download them.
        System.setProperty("ai.djl.offline", "true");
        try {
            return Engine.getEngine("PyTorch").getVersion();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new IllegalStateException(
                    "DJL's PyTorch engine did not start (" + e.getMessage() + "). It needs "
                            + "ai.djl.pytorch:pytorch-engine, pytorch-jni and pytorch-native-cpu (linux-x86_64) on the class path, as "
                            + "the source build has; the packaged app leaves them out.",
                    e);
        }
    }

    @Override
    public String name() {
        return "DJL PyTorch (libtorch " + EXPECTED_VERSION + ")";
    }

    @Override
    public ImageBatch generate(FloatMatrix z) {
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDArray in = m.create(z.data(), new Shape(z.rows(), z.cols()));
            NDList out = model.getBlock().forward(new ParameterStore(m, false), new NDList(in), false);
            return new ImageBatch(
                    z.rows(), height, width, channels, out.singletonOrThrow().toFloatArray());
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
