package org.latentlens.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.latentlens.core.image.ContactSheet;
import org.latentlens.core.image.ImageConversion;
import org.latentlens.core.io.SafeFiles;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.LatentSampler;
import org.latentlens.core.model.ModelLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code latent-lens sheet MODEL --out faces.png}: random faces as the app's Random button draws them. */
@Command(
        name = "sheet",
        description = "Write a contact sheet of random faces, drawn as the app's Random button draws them (each"
                + " attribute as often as the training images have it, when the manifest says).")
final class SheetCommand implements Callable<Integer> {
    /** Faces generated per call: a batch the explorer's models handle quickly on two cores. */
    private static final int BATCH = 32;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL_DIR", description = "The model bundle.")
    Path modelDir;

    @Option(names = "--count", defaultValue = "32", description = "Faces on the sheet (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--columns", defaultValue = "8", description = "Faces per row (default ${DEFAULT-VALUE}).")
    int columns;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random codes (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--balanced",
            description = "Draw every attribute half the time (each value of a categorical factor equally often),"
                    + " as training does, instead of as often as the training images have it.")
    boolean balanced;

    @Option(names = "--out", required = true, description = "The PNG to write.")
    Path out;

    @Mixin
    TrustOption trust;

    private final ModelLoader loader;

    SheetCommand(ModelLoader loader) {
        this.loader = loader;
    }

    @Override
    public Integer call() throws Exception {
        if (count < 1 || count > 1024 || columns < 1) {
            throw new IllegalArgumentException(
                    "--count must be 1 to 1024 and --columns at least 1, not " + count + " and " + columns);
        }
        try (GanModel model = loader.load(modelDir, trust.loadOptions())) {
            LatentLayout layout = model.manifest().latent();
            if (balanced) {
                layout = layout.withoutPresences();
            }
            Random r = new Random(seed);
            List<BufferedImage> tiles = new ArrayList<>();
            while (tiles.size() < count) {
                List<float[]> codes = new ArrayList<>();
                for (int i = 0; i < Math.min(BATCH, count - tiles.size()); i++) {
                    codes.add(LatentSampler.sample(layout, r));
                }
                ImageBatch images = model.generate(FloatMatrix.ofRows(codes));
                for (int i = 0; i < images.count(); i++) {
                    tiles.add(ImageConversion.toImage(
                            images.image(i), model.manifest().image()));
                }
            }
            BufferedImage sheet = ContactSheet.grid(tiles, Math.min(columns, count), 2);
            SafeFiles.write(out, tmp -> ImageIO.write(sheet, "png", tmp.toFile()));
            spec.commandLine()
                    .getOut()
                    .println("Wrote " + count + " random faces"
                            + (balanced || !layout.hasPresences()
                                    ? " (every attribute drawn half the time)"
                                    : " (attributes as often as in the training images)")
                            + " to " + out);
        }
        return 0;
    }
}
