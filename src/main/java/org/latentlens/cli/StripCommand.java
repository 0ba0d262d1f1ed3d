package org.latentlens.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.latentlens.core.export.TraversalStrip;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.LatentSampler;
import org.latentlens.core.model.ModelLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code latent-lens strip MODEL --dim NAME}: the same traversal export as the app's. */
@Command(
        name = "strip",
        description = "Export a traversal strip: PNG grid, animated GIF and a JSON sidecar of the codes.")
final class StripCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL_DIR", description = "The model bundle.")
    Path modelDir;

    @Option(
            names = "--dim",
            split = ",",
            description = "Dimension name(s) to sweep (default: every semantic dimension; every dimension of a model"
                    + " without semantic ones).")
    List<String> dims;

    @Option(names = "--steps", defaultValue = "8", description = "Images across the range (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(
            names = "--codes",
            defaultValue = "1",
            description =
                    "Random base codes (default ${DEFAULT-VALUE}; the first is the default code when --random is off).")
    int codes;

    @Option(names = "--random", description = "Start from random codes instead of the default code.")
    boolean random;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random codes (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--out",
            required = true,
            description = "Output base name, e.g. smiling.png; .png, .gif and .json are written beside it.")
    Path out;

    @Option(names = "--labels", description = "Label the PNG grid: rows by dimension, columns by slider value.")
    boolean labels;

    @Mixin
    TrustOption trust;

    private final ModelLoader loader;

    StripCommand(ModelLoader loader) {
        this.loader = loader;
    }

    @Override
    public Integer call() throws Exception {
        try (GanModel model = loader.load(modelDir, trust.loadOptions())) {
            LatentLayout layout = model.manifest().latent();
            int[] chosen;
            if (dims == null || dims.isEmpty()) {
                chosen = layout.semanticIndices();
                if (chosen.length == 0) {
                    // A model that names nothing (an autoencoder, a plain GAN): sweep its free dimensions instead.
                    chosen = IntStream.range(0, layout.size()).toArray();
                }
            } else {
                chosen = new int[dims.size()];
                for (int i = 0; i < chosen.length; i++) {
                    String name = dims.get(i);
                    chosen[i] = layout.indexOf(name)
                            .orElseThrow(() ->
                                    new IllegalArgumentException("Model has no dimension '" + name + "'. It has: "
                                            + String.join(
                                                    ", ",
                                                    layout.dimensions().stream()
                                                            .map(d -> d.name())
                                                            .toList())));
                }
            }
            Random r = new Random(seed);
            List<float[]> bases = new ArrayList<>();
            for (int i = 0; i < Math.max(1, codes); i++) {
                bases.add(random || i > 0 ? LatentSampler.sample(layout, r) : layout.defaults());
            }
            List<Path> written =
                    TraversalStrip.render(model, chosen, bases, steps).write(out, layout, labels);
            written.forEach(p -> spec.commandLine().getOut().println("Wrote " + p));
        }
        return 0;
    }
}
