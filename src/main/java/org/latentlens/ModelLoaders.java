package org.latentlens;

import java.nio.file.Files;
import java.util.List;
import org.latentlens.core.model.ModelLoader;
import org.latentlens.core.model.MultiEngineModelLoader;
import org.latentlens.onnx.OnnxModelLoader;
import org.latentlens.tensorflow.DjlModelLoader;

/** The model loaders the app and the command line are built with. */
public final class ModelLoaders {
    private ModelLoaders() {}

    /**
     * Opens TensorFlow bundles ({@code saved_model/}) with DJL's TensorFlow engine and ONNX bundles ({@code *.onnx},
     * the PyTorch route) with DJL's ONNX Runtime engine; see docs/model-format.md.
     */
    public static ModelLoader standard() {
        return new MultiEngineModelLoader(List.of(
                new MultiEngineModelLoader.Engine(
                        "a TensorFlow SavedModel (" + DjlModelLoader.SAVED_MODEL_DIR + "/)",
                        dir -> Files.isDirectory(dir.resolve(DjlModelLoader.SAVED_MODEL_DIR)),
                        new DjlModelLoader()),
                new MultiEngineModelLoader.Engine(
                        "ONNX models (*.onnx)", OnnxModelLoader::recognizes, new OnnxModelLoader())));
    }
}
