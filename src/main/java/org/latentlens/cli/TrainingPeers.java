package org.latentlens.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.latentlens.tensorflow.TrainingStepTimer;
import org.latentlens.tensorflow.graph.GanArchitecture;
import org.latentlens.tensorflow.graph.NetworkFlops;

/**
 * Our training step against the same step in PyTorch ({@code bench/torch_peers.py train}), batch 32, on fixed random
 * data, in alternating rounds: ours, PyTorch, ours, PyTorch. Both run in their own process on the same cores, one at a
 * time.
 */
final class TrainingPeers {
    static final int BATCH = 32;
    private static final int STEPS_PER_ROUND = 3;

    private final PrintWriter out;
    private final int rounds;

    TrainingPeers(PrintWriter out, int rounds) {
        this.out = out;
        this.rounds = rounds;
    }

    void run(GanArchitecture arch, TorchPeerProcess python, double peakGflops) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        try (TrainingStepTimer ours = new TrainingStepTimer(arch, BATCH);
                TorchPeerProcess.TrainServer torch = python.train(List.of(
                        "--size",
                        "" + arch.imageSize(),
                        "--base-channels",
                        "" + arch.baseChannels(),
                        "--max-channels",
                        "" + arch.maxChannels(),
                        "--hidden",
                        "" + arch.hiddenUnits(),
                        "--semantic",
                        "" + arch.semanticDims(),
                        "--free",
                        "" + arch.freeDims(),
                        "--attributes",
                        "" + arch.attributeCount(),
                        "--batch",
                        "" + BATCH,
                        "--threads",
                        "" + threads))) {
            ours.seconds(1); // warm-up
            torch.seconds(1);
            double oursSeconds = 0;
            double torchSeconds = 0;
            for (int round = 0; round < rounds; round++) {
                oursSeconds += ours.seconds(STEPS_PER_ROUND);
                torchSeconds += torch.seconds(STEPS_PER_ROUND);
            }
            int steps = rounds * STEPS_PER_ROUND;
            double flopsPerImage = NetworkFlops.trainingStepPerImage(arch);
            out.printf(
                    Locale.ROOT,
                    "Training step peers, %d px, %d channels, batch %d, %d alternated rounds of %d steps "
                            + "(the step alone, fixed random data):%n",
                    arch.imageSize(),
                    arch.baseChannels(),
                    BATCH,
                    rounds,
                    STEPS_PER_ROUND);
            line("ours: TrainingGraph (TF Java)", BATCH * steps / oursSeconds, flopsPerImage, peakGflops);
            line("PyTorch (" + torch.ready() + ")", BATCH * steps / torchSeconds, flopsPerImage, peakGflops);
            out.printf(
                    Locale.ROOT,
                    "  ratio ours / PyTorch images/s: %.2f (above 1 means ours is faster)%n",
                    torchSeconds / oursSeconds);
        }
    }

    private void line(String name, double imagesPerSecond, double flopsPerImage, double peakGflops) {
        double gflops = flopsPerImage * imagesPerSecond / 1e9;
        out.printf(
                Locale.ROOT,
                "  %-52s %7.1f images/s %7.1f GFLOPS %4.0f%% of peak%n",
                name,
                imagesPerSecond,
                gflops,
                100 * gflops / peakGflops);
    }
}
