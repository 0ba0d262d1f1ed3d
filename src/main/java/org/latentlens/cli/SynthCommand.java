package org.latentlens.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.latentlens.core.data.synthetic.SyntheticExport;
import org.latentlens.core.data.synthetic.SyntheticFaces;
import org.latentlens.core.image.ContactSheet;
import org.latentlens.core.io.SafeFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latent-lens synth}: writes synthetic faces as a CelebA-layout folder. */
@Command(name = "synth", description = "Write synthetic faces with known attributes as a CelebA-layout folder.")
final class SynthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--count", required = true, description = "Number of faces.")
    int count;

    @Option(
            names = "--size",
            defaultValue = "64",
            description = "Image side in pixels, 32 to 256 (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--out", description = "Output folder (CelebA layout).")
    Path out;

    @Option(names = "--sheet", description = "Also write a contact sheet of the first 64 faces to this PNG.")
    Path sheet;

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
        if (out == null && sheet == null) {
            err.println("Give --out DIR, --sheet FILE.png, or both.");
            return 2;
        }
        if (sheet != null) {
            SyntheticFaces faces = new SyntheticFaces(seed);
            List<BufferedImage> tiles = new ArrayList<>();
            for (int i = 0; i < Math.min(count, 64); i++) {
                tiles.add(faces.image(i, size));
            }
            BufferedImage grid = ContactSheet.grid(tiles, 8, 2);
            SafeFiles.write(sheet, tmp -> ImageIO.write(grid, "png", tmp.toFile()));
            spec.commandLine().getOut().println("Wrote a contact sheet of " + tiles.size() + " faces to " + sheet);
        }
        if (out != null) {
            ProgressBar bar = new ProgressBar(System.out, "faces", count);
            SyntheticExport.write(
                    seed, count, size, out, Runtime.getRuntime().availableProcessors(), done -> bar.update(done, null));
            spec.commandLine()
                    .getOut()
                    .println("Wrote " + count + " faces to " + out.resolve("images") + ", labels to "
                            + out.resolve("list_attr.txt") + ", factors to "
                            + out.resolve(SyntheticExport.FACTORS_FILE));
        }
        return 0;
    }
}
