package org.latentlens.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.latentlens.core.data.Datasets;
import org.latentlens.core.data.ImageDataset;
import org.latentlens.core.data.Splits;
import org.latentlens.core.eval.Evaluation;
import org.latentlens.core.eval.Evaluator;
import org.latentlens.core.eval.Judge;
import org.latentlens.core.eval.JudgeTrainer;
import org.latentlens.core.io.SafeFiles;
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
@Command(name = "evaluate", description = "Measure steerability, leakage, reconstruction and realism through a judge"
    + " trained only on real labelled images, and calibrate the discriminator's realism score on held-out real and"
    + " generated images; the figures go into the model's manifest.")
final class EvaluateCommand implements Callable<Integer> {
  /** Sub-folder of a bundle where its judge is kept. */
  static final String JUDGE_DIR = "judge";

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL_DIR", description = "The model bundle.")
  Path modelDir;

  @Option(names = "--data", defaultValue = "synthetic", description = "Real labelled data: synthetic or celeba:PATH (default ${DEFAULT-VALUE}).")
  String data;

  @Option(names = "--judge-steps", defaultValue = "1500", description = "Training steps for a new judge (default ${DEFAULT-VALUE}).")
  int judgeSteps;

  @Option(names = "--retrain-judge", description = "Train a new judge even if the bundle has one.")
  boolean retrainJudge;

  @Option(names = "--interventions", defaultValue = "200", description = "Codes per dimension for steerability (default ${DEFAULT-VALUE}).")
  int interventions;

  @Option(names = "--images", defaultValue = "256", description = "Held-out images to reconstruct (default ${DEFAULT-VALUE}).")
  int images;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the dataset (synthetic) (default ${DEFAULT-VALUE}).")
  long seed;

  @Mixin TrustOption trust;

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
      int size = model.manifest().image().width();
      ImageDataset dataset = Datasets.open(DataCommand.resolveSpec(data), size, seed);
      List<String> attributes = new ArrayList<>();
      for (String a : model.manifest().attributes()) {
        if (dataset.attributes().contains(a)) {
          attributes.add(a);
        }
      }
      if (attributes.isEmpty()) {
        throw new IllegalArgumentException("None of the model's attributes " + model.manifest().attributes()
            + " is labelled in " + data + "; evaluate against labelled data with those attributes.");
      }
      try (Judge judge = judgeFor(dataset, attributes, size)) {
        out.printf(Locale.ROOT, "Judge: trained on %s, held-out accuracy %.3f%n", judge.info().dataset(),
            judge.info().meanAccuracy());
        Evaluation evaluation = new Evaluator(model, judge, out::println)
            .evaluate(Splits.heldOut(dataset), new Evaluator.Settings(interventions, images, 1000, 7));
        SafeFiles.cleanStale(modelDir); // a manifest half-written by an evaluation that was killed
        ManifestJson.write(evaluation.applyTo(ManifestJson.read(modelDir)), modelDir);
        out.println("Metrics written to " + modelDir.resolve(ManifestJson.FILE_NAME) + ":");
        evaluation.metrics().forEach((k, v) -> out.printf(Locale.ROOT, "  %-34s %.4f%n", k, v));
        if (evaluation.calibration() != null) {
          out.printf(Locale.ROOT, "  realism calibration: %d real and %d generated scores%n",
              evaluation.calibration().real().count(), evaluation.calibration().generated().count());
        }
      }
    }
    return 0;
  }

  private Judge judgeFor(ImageDataset dataset, List<String> attributes, int size) throws java.io.IOException {
    Path dir = modelDir.resolve(JUDGE_DIR);
    if (!retrainJudge && Files.isDirectory(dir)) {
      Judge existing = judges.load(dir);
      if (existing.info().dataset().equals(dataset.description()) && existing.info().imageSize() == size
          && existing.attributes().containsAll(attributes)) {
        return existing;
      }
      existing.close();
    }
    ProgressBar bar = new ProgressBar(System.out, "judge", judgeSteps);
    return judges.train(Splits.training(dataset), Splits.heldOut(dataset), attributes, size, judgeSteps, dir,
        step -> bar.update(step, null));
  }
}
