package org.latentlens.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Python side of the PyTorch peers: a venv with {@code bench/requirements-torch.txt} (built once under
 * {@code ~/.cache/latent-lens/} by the tests' {@code ensure_venv.py}), {@code bench/torch_peers.py export} to make the
 * TorchScript, and {@code train} kept running so its timed rounds alternate with ours.
 */
final class TorchPeerProcess {
    private final Path home;
    private final Path python;

    private TorchPeerProcess(Path home, Path python) {
        this.home = home;
        this.python = python;
    }

    /** Finds or builds the venv (minutes on the first run, with pip's package index); {@code log} gets pip's output. */
    static TorchPeerProcess start(Path home, Path log) throws IOException, InterruptedException {
        Path ensure = home.resolve("src/test/python/ensure_venv.py");
        Path requirements = home.resolve("bench/requirements-torch.txt");
        if (!Files.isRegularFile(ensure) || !Files.isRegularFile(requirements)) {
            throw new IOException("the PyTorch peers need a source checkout (" + requirements + " and " + ensure
                    + "); the packaged app has neither");
        }
        Path out = Files.createTempFile("latent-lens-venv", ".out");
        try {
            Process p = new ProcessBuilder("python3", ensure.toString(), "--requirements", requirements.toString())
                    .redirectOutput(out.toFile())
                    .redirectError(log.toFile())
                    .start();
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(
                        "could not set up the Python venv for the PyTorch peers (needs Python 3 with venv and "
                                + "pip's package index); see " + log);
            }
            List<String> lines = Files.readAllLines(out);
            return new TorchPeerProcess(
                    home, Path.of(lines.get(lines.size() - 1).strip()));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Runs {@code torch_peers.py export} on {@code folder} and returns the TorchScript it saved; echoes its report. */
    Path exportTorchScript(Path folder, PrintWriter echo) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(python.toString(), script(), "export", folder.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IOException("bench/torch_peers.py export failed:\n" + output);
        }
        echo.println("  " + output.replace("\n", "\n  "));
        return folder.resolve("generator.pt");
    }

    /** Starts {@code torch_peers.py train} for one architecture; it waits for step counts on its standard input. */
    TrainServer train(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(python.toString(), script(), "train"));
        command.addAll(arguments);
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        TrainServer server = new TrainServer(p);
        server.ready = server.readLine();
        return server;
    }

    private String script() {
        return home.resolve("bench/torch_peers.py").toString();
    }

    /** A running PyTorch training step: ask for N steps, get their seconds. */
    static final class TrainServer implements AutoCloseable {
        private final Process process;
        private final BufferedReader in;
        private final PrintWriter out;
        private String ready;

        private TrainServer(Process process) {
            this.process = process;
            this.in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.out = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        /** The first line it printed: the torch version and its thread count. */
        String ready() {
            return ready;
        }

        double seconds(int steps) throws IOException {
            out.println(steps);
            return Double.parseDouble(readLine());
        }

        private String readLine() throws IOException {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("bench/torch_peers.py train stopped (its error output is above)");
            }
            return line;
        }

        @Override
        public void close() throws InterruptedException {
            out.println("quit");
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
