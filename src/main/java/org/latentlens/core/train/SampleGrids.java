package org.latentlens.core.train;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.latentlens.core.image.ContactSheet;
import org.latentlens.core.image.ImageConversion;
import org.latentlens.core.io.SafeFiles;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.LatentSampler;

/** The sample grids of a run: one fixed set of codes drawn from the prior, rendered as a PNG per sampling step. */
public final class SampleGrids {
    /** Where sample grids go, inside the run folder. */
    public static final String SAMPLES_DIR = "samples";

    private static final int CODES = 32;

    private final ImageSpec spec;
    private final float[] codes;
    private final Path dir;

    /** Grids for a run of {@code config} in {@code runDir}; the codes depend only on the config's seed. */
    SampleGrids(TrainingConfig config, Path runDir) {
        LatentLayout layout = TrainedLayout.of(config);
        int dims = layout.size();
        spec = ImageSpec.rgbSquare(config.imageSize());
        dir = runDir.resolve(SAMPLES_DIR);
        Random r = new Random(config.seed() + 99);
        codes = new float[CODES * dims];
        for (int i = 0; i < CODES; i++) {
            System.arraycopy(LatentSampler.sample(layout, r), 0, codes, i * dims, dims);
        }
    }

    /** Draws the codes with {@code engine}, writes {@code samples/step-N.png} and returns the grid. */
    BufferedImage write(TrainingEngine engine, long step) throws IOException {
        float[] pixels = engine.sample(codes, CODES);
        List<BufferedImage> tiles = new ArrayList<>();
        for (int i = 0; i < CODES; i++) {
            float[] one = new float[spec.pixelValues()];
            System.arraycopy(pixels, i * one.length, one, 0, one.length);
            tiles.add(ImageConversion.toImage(one, spec));
        }
        BufferedImage grid = ContactSheet.grid(tiles, 8, 2);
        Files.createDirectories(dir);
        // Atomic, so a run killed while drawing a grid never leaves a truncated picture behind.
        SafeFiles.write(
                dir.resolve(String.format("step-%07d.png", step)), tmp -> ImageIO.write(grid, "png", tmp.toFile()));
        return grid;
    }
}
