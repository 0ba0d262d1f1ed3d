package org.latentlens.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.latentlens.core.bench.GeneratorPeer;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.LatentSampler;
import org.latentlens.tensorflow.DjlCallProfile;
import org.latentlens.tensorflow.RawSessionGenerator;
import org.latentlens.tensorflow.TorchPeerFiles;
import org.latentlens.tensorflow.graph.GanArchitecture;
import org.latentlens.tensorflow.graph.NetworkFlops;
import org.latentlens.torch.TorchScriptGenerator;

/**
 * {@code latent-lens bench --peers}: sets up the peers (a raw TensorFlow session; the same generator as TorchScript in
 * DJL's PyTorch engine; the same training step in PyTorch), then runs {@link PeersBench} and {@link TrainingPeers}. A
 * peer that cannot be set up is reported with the reason and left out; the others still run.
 */
final class BenchPeers {
    private final PrintWriter out;
    private final Path home;
    private final int rounds;
    private final int calls;

    BenchPeers(PrintWriter out, Path home, int rounds, int calls) {
        this.out = out;
        this.home = home;
        this.rounds = rounds;
        this.calls = calls;
    }

    void run(GanModel model, Path bundleDir, Optional<GanArchitecture> arch, double peakGflops) throws Exception {
        List<GeneratorPeer> generators = new ArrayList<>();
        generators.add(PeersBench.ours(model, "ours: DjlGanModel (DJL TensorFlow)"));
        Path scratch = PeersBench.scratch();
        TorchPeerProcess python = null;
        try {
            RawSessionGenerator raw = RawSessionGenerator.open(bundleDir);
            generators.add(raw);
            if (arch.isEmpty()) {
                out.println(
                        "PyTorch peers skipped: the manifest does not say the architecture (only bundles our trainer"
                                + " wrote can be rebuilt in PyTorch).");
            } else {
                try {
                    // Outside the scratch folder: a failed set-up's log must outlive the run.
                    python = TorchPeerProcess.start(home, Files.createTempFile("latent-lens-peers-venv", ".log"));
                    generators.add(torchGenerator(model, bundleDir, arch.get(), python, scratch));
                } catch (Exception | UnsatisfiedLinkError e) {
                    out.println("DJL PyTorch peer skipped: " + e.getMessage());
                }
            }
            long flops = arch.map(NetworkFlops::generator).orElse(0L);
            new PeersBench(out, rounds, calls).run(model, generators, flops, peakGflops);
            profile(model, raw);
            if (python != null) {
                try {
                    new TrainingPeers(out, rounds).run(arch.get(), python, peakGflops);
                } catch (Exception e) {
                    out.println("Training step peer failed: " + e.getMessage());
                }
            }
        } finally {
            for (GeneratorPeer g : generators.subList(1, generators.size())) {
                g.close();
            }
            BenchCommand.deleteQuietly(scratch);
        }
    }

    /**
     * Generate phase by phase, DJL against the raw session, at batch 1 and 64, in rounds like the table. DJL's output
     * copy is timed both ways on the same tensors: as {@code toFloatArray} (before) and as {@code OutputTensors} (now).
     */
    private void profile(GanModel model, RawSessionGenerator raw) {
        Random r = new Random(5);
        FloatMatrix one =
                FloatMatrix.ofRow(LatentSampler.sample(model.manifest().latent(), r));
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            rows.add(LatentSampler.sample(model.manifest().latent(), r));
        }
        profile(model, raw, one, calls);
        profile(model, raw, FloatMatrix.ofRows(rows), Math.max(5, calls / 10));
    }

    private void profile(GanModel model, RawSessionGenerator raw, FloatMatrix z, int n) {
        Map<String, Double> phases = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            DjlCallProfile.compare(model, raw, z, n).forEach((k, v) -> phases.merge(k, v / rounds, Double::sum));
        }
        if (phases.isEmpty()) {
            return;
        }
        out.printf(
                Locale.ROOT,
                "Generate %d phase by phase, one DJL call then one raw-session call, %d rounds of %d "
                        + "(median microseconds per phase, mean over rounds):%n",
                z.rows(),
                rounds,
                n);
        phases.forEach((k, v) -> out.printf(Locale.ROOT, "  %-52s %9.1f%n", k, v));
        double djlOutside = phases.entrySet().stream()
                .filter(e -> e.getKey().startsWith("DJL") && !e.getKey().contains("block.forward"))
                .mapToDouble(Map.Entry::getValue)
                .sum();
        double before = djlOutside - phases.get(DjlCallProfile.OUTPUT_NOW);
        double now = djlOutside - phases.get(DjlCallProfile.OUTPUT_BEFORE);
        double rawOutside = phases.get("raw input tensor (copy in)") + phases.get("raw copy out + close");
        double forwardExtra =
                phases.get("DJL block.forward (session run, wrap outputs)") - phases.get("raw session run");
        out.printf(
                Locale.ROOT,
                "  outside the session run: DJL %.1f before, %.1f now; raw session %.1f. block.forward "
                        + "minus the raw run: %+.1f%n",
                before,
                now,
                rawOutside,
                forwardExtra);
    }

    private GeneratorPeer torchGenerator(
            GanModel model, Path bundleDir, GanArchitecture arch, TorchPeerProcess python, Path scratch)
            throws Exception {
        List<float[]> codes = new ArrayList<>();
        Random r = new Random(3);
        for (int i = 0; i < 16; i++) {
            codes.add(LatentSampler.sample(model.manifest().latent(), r));
        }
        Path folder = scratch.resolve("torch");
        TorchPeerFiles.write(bundleDir, arch, FloatMatrix.ofRows(codes), folder);
        out.println("TorchScript of the generator (bench/torch_peers.py, our weights):");
        Path file = python.exportTorchScript(folder, out);
        var spec = model.manifest().image();
        TorchScriptGenerator g = TorchScriptGenerator.open(file, spec.height(), spec.width(), spec.channels());
        out.printf(Locale.ROOT, "  loaded in DJL's PyTorch engine, libtorch %s%n", TorchScriptGenerator.start());
        return g;
    }
}
