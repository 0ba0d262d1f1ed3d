package org.latentlens.tensorflow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.latentlens.core.data.Batch;
import org.latentlens.core.data.BatchStream;
import org.latentlens.core.data.ImageDataset;
import org.latentlens.core.eval.Judge;
import org.latentlens.core.eval.JudgeInfo;
import org.latentlens.core.eval.JudgeTrainer;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.ModelBundleException;
import org.latentlens.core.model.OperationReport;
import org.latentlens.core.model.SignatureNames;
import org.latentlens.tensorflow.graph.GanArchitecture;
import org.latentlens.tensorflow.graph.JudgeGraph;

/** Trains judges with TF Java and loads them with DJL. */
public final class TfJudgeTrainer implements JudgeTrainer {
    /** File beside the judge's SavedModel describing it. */
    public static final String INFO_FILE = "judge.json";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();
    private static final int BATCH = 32;
    private static final float LEARNING_RATE = 1e-3f;

    @Override
    public Judge train(
            ImageDataset training,
            ImageDataset heldOut,
            List<String> attributes,
            int imageSize,
            int steps,
            Path dir,
            IntConsumer progress)
            throws IOException {
        TensorFlowRuntime.ensureStarted();
        int[] columns = new int[attributes.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = training.attributes().indexOf(attributes.get(i));
            if (columns[i] < 0) {
                throw new IOException("the judge's data has no attribute '" + attributes.get(i) + "'");
            }
        }
        ImageSpec spec = ImageSpec.rgbSquare(imageSize);
        GanArchitecture arch = architecture(imageSize, attributes.size());
        try (JudgeGraph graph = new JudgeGraph(arch)) {
            graph.initialize(17);
            try (BatchStream stream = BatchStream.shuffled(training, spec, BATCH, 23, 2)) {
                for (int t = 1; t <= steps; t++) {
                    Batch b = stream.next();
                    if (b.count() == 0) {
                        continue;
                    }
                    float[][] lm = labelsAndMask(b, columns);
                    graph.step(b.count(), b.images().data(), lm[0], lm[1], LEARNING_RATE, t);
                    progress.accept(t);
                }
            }
            Map<String, Double> accuracy = accuracy(graph, heldOut, spec, columns, attributes);
            Files.createDirectories(dir);
            Path savedModel = dir.resolve(DjlModelLoader.SAVED_MODEL_DIR);
            BundleWriter.deleteRecursively(savedModel);
            graph.export(savedModel);
            JudgeInfo info = new JudgeInfo(training.description(), attributes, imageSize, steps, accuracy);
            Files.writeString(dir.resolve(INFO_FILE), GSON.toJson(info), StandardCharsets.UTF_8);
        }
        return load(dir);
    }

    static GanArchitecture architecture(int imageSize, int attributes) {
        return new GanArchitecture(imageSize, 3, 0, 1, attributes, Math.max(8, 512 / imageSize), 128, 128);
    }

    private static float[][] labelsAndMask(Batch b, int[] columns) {
        float[] labels = new float[b.count() * columns.length];
        float[] mask = new float[labels.length];
        for (int i = 0; i < b.count(); i++) {
            for (int j = 0; j < columns.length; j++) {
                float v = b.labels()[i * b.attributes() + columns[j]];
                labels[i * columns.length + j] = v;
                mask[i * columns.length + j] = v != 0 ? 1 : 0;
            }
        }
        return new float[][] {labels, mask};
    }

    private static Map<String, Double> accuracy(
            JudgeGraph graph, ImageDataset heldOut, ImageSpec spec, int[] columns, List<String> attributes) {
        int n = Math.min(2000, heldOut.size());
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        long[] right = new long[columns.length];
        long[] known = new long[columns.length];
        try (BatchStream stream = BatchStream.of(heldOut, spec, 64, order, 2)) {
            while (stream.hasNext()) {
                Batch b = stream.next();
                if (b.count() == 0) {
                    continue;
                }
                float[] logits = graph.logits(b.count(), b.images().data());
                for (int i = 0; i < b.count(); i++) {
                    for (int j = 0; j < columns.length; j++) {
                        float label = b.labels()[i * b.attributes() + columns[j]];
                        if (label != 0) {
                            known[j]++;
                            if ((logits[i * columns.length + j] > 0) == (label > 0)) {
                                right[j]++;
                            }
                        }
                    }
                }
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < columns.length; j++) {
            out.put(attributes.get(j), known[j] == 0 ? Double.NaN : (double) right[j] / known[j]);
        }
        return out;
    }

    @Override
    public Judge load(Path dir) throws IOException {
        TensorFlowRuntime.ensureStarted();
        Path infoFile = dir.resolve(INFO_FILE);
        if (!Files.isRegularFile(infoFile)) {
            throw new IOException(dir + " holds no judge (" + INFO_FILE + " is missing)");
        }
        JudgeInfo info = GSON.fromJson(Files.readString(infoFile, StandardCharsets.UTF_8), JudgeInfo.class);
        // A judge ships inside a model bundle, so it is as untrusted as the model; ours are pure computation.
        OperationReport ops;
        try {
            ops = SavedModelScan.scan(dir.resolve(DjlModelLoader.SAVED_MODEL_DIR));
        } catch (ModelBundleException e) {
            throw new IOException("the judge in " + dir + " cannot be read: " + e.getMessage(), e);
        }
        if (!ops.allAllowed()) {
            throw new IOException("the judge in " + dir + " uses operations that do more than compute ("
                    + ops.refused().stream()
                            .map(OperationReport.Refusal::operation)
                            .distinct()
                            .toList()
                    + "), so Latent Lens does not run it. Train a new judge with --retrain-judge.");
        }
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(dir.resolve(DjlModelLoader.SAVED_MODEL_DIR))
                .optEngine("TensorFlow")
                .optOption("SignatureDefKey", JudgeGraph.SIGNATURE)
                .optTranslator(new NoopTranslator())
                .build();
        try {
            return new DjlJudge(criteria.loadModel(), info);
        } catch (Exception e) {
            throw new IOException("the judge in " + dir + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** A judge served by DJL. */
    private record DjlJudge(ZooModel<NDList, NDList> model, JudgeInfo info) implements Judge {
        @Override
        public Reading read(ImageBatch images) {
            try (NDManager m = model.getNDManager().newSubManager()) {
                NDArray x = InputTensors.create(
                        m,
                        images.data(),
                        new Shape(images.count(), images.height(), images.width(), images.channels()));
                x.setName(SignatureNames.IMAGE);
                NDList out = model.getBlock().forward(new ParameterStore(m, false), new NDList(x), false);
                return new Reading(matrix(out.get(SignatureNames.ATTRIBUTES)), matrix(out.get(JudgeGraph.FEATURES)));
            }
        }

        private static FloatMatrix matrix(NDArray a) {
            long[] s = a.getShape().getShape();
            return new FloatMatrix((int) s[0], (int) s[1], a.toFloatArray());
        }

        @Override
        public void close() {
            model.close();
        }
    }
}
