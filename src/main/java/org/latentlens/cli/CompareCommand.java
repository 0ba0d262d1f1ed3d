package org.latentlens.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.latentlens.core.data.Datasets;
import org.latentlens.core.data.ImageDataset;
import org.latentlens.core.eval.BundleEvaluation;
import org.latentlens.core.eval.ComparisonTable;
import org.latentlens.core.eval.Evaluation;
import org.latentlens.core.eval.Evaluator;
import org.latentlens.core.eval.Judge;
import org.latentlens.core.eval.JudgeTrainer;
import org.latentlens.core.io.SafeFiles;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ManifestJson;
import org.latentlens.core.model.ModelLoader;
import org.latentlens.core.model.ModelManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code latent-lens compare MODEL...}: every model measured through one judge on the same held-out data, one row
 * each. Nothing is written into the bundles (the judge of the first one excepted, when it has to be trained).
 */
@Command(
        name = "compare",
        description = "Measure several models through one judge and print one row each:"
                + " steerability, leakage, PSNR/SSIM, judge-Frechet, MIG, SAP, DCI, monotonicity and s/step"
                + " (--markdown FILE writes the table as Markdown).")
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "MODEL_DIR", description = "The model bundles, all of one image size.")
    List<Path> models;

    @Option(
            names = "--data",
            description = "Real labelled data: synthetic or celeba:PATH (default: what the first"
                    + " model was trained on, else synthetic).")
    String data;

    @Option(
            names = "--judge",
            paramLabel = "DIR",
            description =
                    "A saved judge to read every model through (default:"
                            + " the first model's judge, trained on every attribute of the data if it has none that reads them all).")
    Path judgeDir;

    @Option(
            names = "--judge-steps",
            defaultValue = "1500",
            description = "Training steps for a new judge (default ${DEFAULT-VALUE}).")
    int judgeSteps;

    @Option(
            names = "--interventions",
            defaultValue = "200",
            description = "Codes per dimension for steerability (default ${DEFAULT-VALUE}).")
    int interventions;

    @Option(
            names = "--images",
            defaultValue = "256",
            description = "Held-out images to reconstruct (default ${DEFAULT-VALUE}).")
    int images;

    @Option(
            names = "--frechet-images",
            defaultValue = "1000",
            description = "Images per side of the judge-Frechet distance (default ${DEFAULT-VALUE}).")
    int frechetImages;

    @Option(
            names = "--sweeps",
            defaultValue = "32",
            description = "Base codes each dimension is swept from (default ${DEFAULT-VALUE}).")
    int sweeps;

    @Option(
            names = "--sweep-steps",
            defaultValue = "7",
            description = "Slider values per sweep (default ${DEFAULT-VALUE}).")
    int sweepSteps;

    @Option(
            names = "--factor-samples",
            defaultValue = "5000",
            description = "Images encoded for MIG, SAP and DCI (default ${DEFAULT-VALUE}).")
    int factorSamples;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Seed of the dataset (synthetic) (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the table as Markdown.")
    Path markdown;

    @Mixin
    TrustOption trust;

    private final ModelLoader loader;
    private final JudgeTrainer judges;

    CompareCommand(ModelLoader loader, JudgeTrainer judges) {
        this.loader = loader;
        this.judges = judges;
    }

    /** The settings every model is measured with. */
    Evaluator.Settings settings() {
        return new Evaluator.Settings(interventions, images, frechetImages, 7, sweeps, sweepSteps, factorSamples);
    }

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        ModelManifest first = ManifestJson.read(models.get(0));
        int size = first.image().width();
        for (Path m : models) {
            ModelManifest manifest = ManifestJson.read(m);
            if (manifest.image().width() != size) {
                throw new IllegalArgumentException(
                        m + " makes " + manifest.image().width() + " px images but " + models.get(0) + " makes " + size
                                + " px; one judge reads one size, so compare models of one size.");
            }
        }
        String dataSpec = DataCommand.resolveSpec(
                data != null ? data : BundleEvaluation.dataOf(first).orElse("synthetic"));
        ImageDataset dataset = Datasets.open(dataSpec, size, seed);
        if (dataset.attributes().isEmpty()) {
            throw new IllegalArgumentException(dataSpec + " has no attribute labels, so no judge can read the models;"
                    + " compare on synthetic or celeba:PATH.");
        }
        List<ComparisonTable.Row> rows = new ArrayList<>();
        try (Judge judge = judge(dataset, size)) {
            out.printf(
                    "Judge: %s, reads %s, held-out accuracy %.3f%n",
                    judge.info().dataset(), judge.attributes(), judge.info().meanAccuracy());
            for (Path dir : models) {
                out.println("== " + dir);
                try (GanModel model = loader.load(dir, trust.loadOptions())) {
                    Evaluation e = BundleEvaluation.measure(
                            model, judge, dataset, settings(), line -> out.println("  " + line));
                    rows.add(new ComparisonTable.Row(
                            name(dir), e.metrics(), ComparisonTable.secondsPerStep(model.manifest())));
                }
            }
        }
        out.println();
        out.print(ComparisonTable.text(rows));
        if (markdown != null) {
            if (markdown.toAbsolutePath().getParent() != null) {
                Files.createDirectories(markdown.toAbsolutePath().getParent());
            }
            SafeFiles.writeString(markdown, ComparisonTable.markdown(rows));
            out.println("Markdown written to " + markdown);
        }
        return 0;
    }

    private Judge judge(ImageDataset dataset, int size) throws IOException {
        if (judgeDir != null) {
            Judge j = judges.load(judgeDir);
            if (j.info().imageSize() != size) {
                int judged = j.info().imageSize();
                j.close();
                throw new IllegalArgumentException(
                        "the judge in " + judgeDir + " reads " + judged + " px images; the models" + " make " + size
                                + " px. Pass a judge of that size or leave --judge out.");
            }
            return j;
        }
        ProgressBar bar = new ProgressBar(System.out, "judge", judgeSteps);
        return BundleEvaluation.judgeFor(
                judges,
                models.get(0),
                dataset,
                dataset.attributes(),
                size,
                judgeSteps,
                false,
                step -> bar.update(step, null));
    }

    private static String name(Path dir) {
        Path n = dir.toAbsolutePath().normalize().getFileName();
        return n == null ? dir.toString() : n.toString();
    }
}
