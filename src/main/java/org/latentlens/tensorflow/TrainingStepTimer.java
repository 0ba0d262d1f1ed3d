package org.latentlens.tensorflow;

import java.util.Arrays;
import java.util.Random;
import org.latentlens.core.train.LossWeights;
import org.latentlens.tensorflow.graph.GanArchitecture;
import org.latentlens.tensorflow.graph.TrainingGraph;

/**
 * Our training step alone, timed on one fixed batch of random data: the figure the PyTorch step of
 * {@code bench/torch_peers.py train} is set against. No data pipeline, checkpoints or samples, only {@link
 * TrainingGraph#step} (E, G and D, every loss term, Adam and the moving average of G), exactly as the peer does.
 */
public final class TrainingStepTimer implements AutoCloseable {
    private final TrainingGraph graph;
    private final TrainingGraph.StepInput input;

    /** A freshly initialised graph of {@code arch} and a batch of {@code batch} random images and codes. */
    public TrainingStepTimer(GanArchitecture arch, int batch) {
        TensorFlowRuntime.ensureStarted();
        graph = new TrainingGraph(arch, LossWeights.DEFAULT);
        graph.initialize(1);
        Random r = new Random(1);
        int a = arch.attributeCount();
        float[] labels = new float[batch * a];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = r.nextBoolean() ? 1f : -1f;
        }
        float[] mask = new float[batch * a];
        Arrays.fill(mask, 1f);
        float[] semantic = uniform(r, batch * arch.semanticDims());
        float[] target = new float[semantic.length];
        for (int i = 0; i < semantic.length; i++) {
            target[i] = (semantic[i] + 1) / 2;
        }
        int size = arch.imageSize();
        input = new TrainingGraph.StepInput(
                batch,
                uniform(r, batch * size * size * arch.channels()),
                labels,
                mask,
                semantic,
                target,
                gaussian(r, batch * arch.freeDims()),
                gaussian(r, batch * arch.freeDims()),
                2e-4f,
                TrainingGraph.BETA1,
                TrainingGraph.BETA2,
                0.999f);
    }

    /** Runs {@code n} steps and returns the seconds they took. */
    public double seconds(int n) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            graph.step(input);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static float[] uniform(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextFloat() * 2 - 1;
        }
        return v;
    }

    private static float[] gaussian(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    @Override
    public void close() {
        graph.close();
    }
}
