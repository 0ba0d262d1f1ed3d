package org.latentlens.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.torch.TorchScriptGenerator;

/**
 * The PyTorch peer of {@code bench --peers} end to end on a tiny real bundle: our generator's weights go to
 * {@code bench/torch_peers.py}, which rebuilds the network in PyTorch, checks it and saves TorchScript; DJL's PyTorch
 * engine (libtorch from the Maven jars, offline) then makes the images our model makes. Builds the venv of
 * {@code bench/requirements-torch.txt} on its first run.
 */
class TorchPeerTest {
    @TempDir
    Path tmp;

    @Test
    void torchScriptOfOurGeneratorMakesOurImagesInDjlsPyTorchEngine() throws Exception {
        Path root = PythonVenv.repoRoot();
        Path venvOut = tmp.resolve("venv.out");
        int built = PythonVenv.run(
                List.of(
                        "python3",
                        root.resolve("src/test/python/ensure_venv.py").toString(),
                        "--requirements",
                        root.resolve("bench/requirements-torch.txt").toString()),
                Map.of(),
                venvOut,
                tmp.resolve("venv.log"),
                Duration.ofMinutes(25),
                "python3 could not be started");
        assertEquals(
                0, built, () -> "venv for bench/requirements-torch.txt: " + PythonVenv.tail(tmp.resolve("venv.log")));
        List<String> lines = Files.readAllLines(venvOut);
        String python = lines.get(lines.size() - 1).strip();

        Path bundle = TinyBundles.write(tmp.resolve("tiny"), 6);
        Path folder = tmp.resolve("torch");
        try (GanModel ours = new DjlModelLoader().load(bundle)) {
            FloatMatrix z = GeneratorPeersTest.codes(ours, 4, 3);
            TorchPeerFiles.write(bundle, TinyBundles.architecture(), z, folder);
            int exported = PythonVenv.run(
                    List.of(python, root.resolve("bench/torch_peers.py").toString(), "export", folder.toString()),
                    Map.of(),
                    tmp.resolve("export.out"),
                    tmp.resolve("export.err"),
                    Duration.ofMinutes(5),
                    "the venv's python could not be started");
            assertEquals(
                    0,
                    exported,
                    () -> PythonVenv.tail(tmp.resolve("export.out")) + PythonVenv.tail(tmp.resolve("export.err")));

            var spec = ours.manifest().image();
            try (TorchScriptGenerator torch = TorchScriptGenerator.open(
                    folder.resolve("generator.pt"), spec.height(), spec.width(), spec.channels())) {
                FloatMatrix other = GeneratorPeersTest.codes(ours, 3, 9); // codes the script never saw
                assertArrayEquals(
                        ours.generate(other).data(), torch.generate(other).data(), 1e-4f);
            }
        }
    }
}
