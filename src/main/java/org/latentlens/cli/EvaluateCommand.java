package org.latentlens.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.latentlens.core.eval.BundleEvaluation;
import org.latentlens.core.eval.Evaluation;
import org.latentlens.core.eval.Evaluator;
import org.latentlens.core.eval.JudgeTrainer;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ManifestJson;
import org.latentlens.core.model.ModelLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code latent-lens evaluate MODEL --data DATA}: measures a model through a judge and records the figures. */
@Command(
        name = "evaluate",
        description = "Measure steerability, leakage, reconstruction and realism through a judge"
                + " trained only on real labelled images, and calibrate the discriminator's realism score on held-out real and"
                + " generated images; the figures go into the model's manifest.")
final class EvaluateCommand implements Callable<Integer> {
    /** Sub-folder of a bundle where its judge is kept. */
    static final String JUDGE_DIR = BundleEvaluation.JUDGE_DIR;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL_DIR", description = "The model bundle.")
    Path modelDir;

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

    @Mixin
    JudgedDataOptions judged;

    @Mixin
    TrustOption trust;

    private final ModelLoader loader;
    private final JudgeTrainer judges;

    EvaluateCommand(ModelLoader loader, JudgeTrainer judges) {
        this.loader = loader;
        this.judges = judges;
    }

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        try (GanModel model = loader.load(modelDir, trust.loadOptions())) {
            ProgressBar bar = judged.judgeBar();
            Evaluation evaluation = new BundleEvaluation(judges)
                    .run(
                            model,
                            modelDir,
                            judged.dataSpec(),
                            judged.seed,
                            new BundleEvaluation.Options(
                                    judged.judgeSteps,
                                    judged.retrainJudge,
                                    new Evaluator.Settings(interventions, images, 1000, 7)),
                            out::println,
                            step -> bar.update(step, null),
                            () -> false);
            out.println("Metrics written to " + modelDir.resolve(ManifestJson.FILE_NAME) + ":");
            evaluation.metrics().forEach((k, v) -> out.printf(Locale.ROOT, "  %-34s %.4f%n", k, v));
            if (evaluation.calibration() != null) {
                out.printf(
                        Locale.ROOT,
                        "  realism calibration: %d real and %d generated scores%n",
                        evaluation.calibration().real().count(),
                        evaluation.calibration().generated().count());
            }
        }
        return 0;
    }
}
