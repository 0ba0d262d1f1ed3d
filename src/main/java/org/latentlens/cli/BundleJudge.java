package org.latentlens.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.latentlens.core.data.ImageDataset;
import org.latentlens.core.eval.BundleEvaluation;
import org.latentlens.core.eval.Judge;
import org.latentlens.core.eval.JudgeTrainer;

/**
 * The judge that {@code evaluate} and {@code directions} read a model through: the one kept in the bundle's
 * {@value #DIR} folder when it learnt from the same data at the same size and reads every wanted attribute, else a
 * new one trained on the data's training split (real labelled images only) and kept there for next time.
 */
final class BundleJudge {
  /** Sub-folder of a bundle where its judge is kept. */
  static final String DIR = BundleEvaluation.JUDGE_DIR;

  private BundleJudge() {}

  /**
   * The judge for the bundle in {@code modelDir}.
   *
   * @param steps training steps if a new judge is needed
   * @param retrain train a new one even if the bundle's fits
   */
  static Judge forBundle(JudgeTrainer judges, Path modelDir, ImageDataset dataset, List<String> attributes,
      int size, int steps, boolean retrain) throws IOException {
    ProgressBar bar = new ProgressBar(System.out, "judge", steps);
    return BundleEvaluation.judgeFor(judges, modelDir, dataset, attributes, size, steps, retrain,
        step -> bar.update(step, null));
  }
}
