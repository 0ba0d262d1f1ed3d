package org.latentlens.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.latentlens.core.bench.GeneratorPeer;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.LatentSampler;

/**
 * Our generator against its peers in one process, in alternating rounds (ours, peer 1, peer 2, ours, ...) so that a
 * machine that speeds up or slows down during the run (another process, thermal limits) weighs on all of them alike.
 * Prints batch-1 latency percentiles, batch-64 throughput, achieved GFLOPS and share of peak per generator, the ratio
 * ours/peer of every time, and how far each peer's images are from ours for the same codes.
 */
final class PeersBench {
    /** One generator's samples, gathered over all rounds. */
    private record Samples(GeneratorPeer peer, List<Double> one, List<Double> batch) {}

    private final PrintWriter out;
    private final int rounds;
    private final int callsPerRound;

    PeersBench(PrintWriter out, int rounds, int callsPerRound) {
        this.out = out;
        this.rounds = rounds;
        this.callsPerRound = callsPerRound;
    }

    /** Our model's generator seen as a peer, first in every round and the reference of every ratio. */
    static GeneratorPeer ours(GanModel model, String label) {
        return new GeneratorPeer() {
            @Override
            public String name() {
                return label;
            }

            @Override
            public ImageBatch generate(FloatMatrix z) {
                return model.generate(z);
            }

            @Override
            public void close() {
                // The caller owns the model.
            }
        };
    }

    /**
     * Measures and prints the table.
     *
     * @param generators ours first, then the peers
     * @param flopsPerImage the generator's counted FLOPs per image, or 0 where unknown
     * @param peakGflops the machine's measured peak
     */
    void run(GanModel model, List<GeneratorPeer> generators, long flopsPerImage, double peakGflops) {
        var latent = model.manifest().latent();
        Random r = new Random(7);
        FloatMatrix one = FloatMatrix.ofRow(LatentSampler.sample(latent, r));
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            rows.add(LatentSampler.sample(latent, r));
        }
        FloatMatrix batch = FloatMatrix.ofRows(rows);
        ImageBatch reference = generators.get(0).generate(batch);
        Map<GeneratorPeer, Double> difference = new LinkedHashMap<>();
        List<Samples> samples = new ArrayList<>();
        for (GeneratorPeer g : generators) {
            difference.put(g, maxDifference(reference, g.generate(batch)));
            for (int i = 0; i < 10; i++) {
                g.generate(one); // warm-up: first calls pay for lazy initialisation and JIT profiling
            }
            g.generate(batch);
            samples.add(new Samples(g, new ArrayList<>(), new ArrayList<>()));
        }
        for (int round = 0; round < rounds; round++) {
            for (Samples s : samples) {
                for (int i = 0; i < callsPerRound; i++) {
                    s.one().add(millis(s.peer(), one));
                }
                for (int i = 0; i < Math.max(2, callsPerRound / 10); i++) {
                    s.batch().add(millis(s.peer(), batch));
                }
            }
        }
        print(samples, difference, flopsPerImage, peakGflops);
    }

    private void print(
            List<Samples> samples, Map<GeneratorPeer, Double> difference, long flopsPerImage, double peakGflops) {
        out.printf(
                Locale.ROOT,
                "Generator peers, %d alternated rounds of %d batch-1 and %d batch-64 calls each "
                        + "(times in ms; ratio = ours / peer, above 1 means ours is slower):%n",
                rounds,
                callsPerRound,
                Math.max(2, callsPerRound / 10));
        out.printf(
                Locale.ROOT,
                "  %-34s %7s %7s %7s %9s %9s %7s %6s %s%n",
                "generator",
                "1: p50",
                "p95",
                "p99",
                "64: ms",
                "images/s",
                "GFLOPS",
                "peak",
                "max |diff| vs ours");
        double[] base = figures(samples.get(0));
        for (Samples s : samples) {
            double[] f = figures(s);
            double imagesPerSecond = 64000 / f[3];
            double gflops = flopsPerImage * imagesPerSecond / 1e9;
            out.printf(
                    Locale.ROOT,
                    "  %-34s %7.2f %7.2f %7.2f %9.1f %9.0f %7.1f %5.0f%% %.1e%n",
                    s.peer().name(),
                    f[0],
                    f[1],
                    f[2],
                    f[3],
                    imagesPerSecond,
                    gflops,
                    100 * gflops / peakGflops,
                    difference.get(s.peer()));
            if (s != samples.get(0)) {
                out.printf(
                        Locale.ROOT,
                        "  %-34s %7.2f %7.2f %7.2f %9.2f%n",
                        "  ratio ours / this",
                        base[0] / f[0],
                        base[1] / f[1],
                        base[2] / f[2],
                        base[3] / f[3]);
            }
        }
    }

    /** Batch-1 p50, p95, p99 and the batch-64 median, in ms. */
    private static double[] figures(Samples s) {
        double[] one = sorted(s.one());
        double[] batch = sorted(s.batch());
        return new double[] {percentile(one, 0.5), percentile(one, 0.95), percentile(one, 0.99), percentile(batch, 0.5)
        };
    }

    private static double[] sorted(List<Double> values) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }

    static double percentile(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))];
    }

    private static double millis(GeneratorPeer g, FloatMatrix z) {
        long t0 = System.nanoTime();
        g.generate(z);
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double maxDifference(ImageBatch a, ImageBatch b) {
        if (a.data().length != b.data().length) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (int i = 0; i < a.data().length; i++) {
            max = Math.max(max, Math.abs(a.data()[i] - b.data()[i]));
        }
        return max;
    }

    /** A scratch folder for the TorchScript export; removed by the caller. */
    static Path scratch() throws IOException {
        return Files.createTempDirectory("latent-lens-peers");
    }
}
