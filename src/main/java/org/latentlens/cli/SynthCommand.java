package org.latentlens.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.latentlens.core.data.synthetic.SyntheticExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code latent-lens synth}: writes synthetic faces as a CelebA-layout folder. */
@Command(name = "synth", description = "Write synthetic faces with known attributes as a CelebA-layout folder.")
final class SynthCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--count", required = true, description = "Number of faces.")
  int count;

  @Option(names = "--size", defaultValue = "64", description = "Image side in pixels, 32 to 256 (default ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--out", required = true, description = "Output folder.")
  Path out;

  @Option(names = "--seed", defaultValue = "1", description = "Which faces (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    var err = spec.commandLine().getErr();
    if (count <= 0) {
      err.println("--count must be positive");
      return 2;
    }
    if (size < 32 || size > 256) {
      err.println("--size must be between 32 and 256");
      return 2;
    }
    ProgressBar bar = new ProgressBar(System.out, "faces", count);
    SyntheticExport.write(seed, count, size, out, Runtime.getRuntime().availableProcessors(),
        done -> bar.update(done, null));
    spec.commandLine().getOut().println("Wrote " + count + " faces to " + out.resolve("images") + ", labels to "
        + out.resolve("list_attr.txt") + ", factors to " + out.resolve(SyntheticExport.FACTORS_FILE));
    return 0;
  }
}
