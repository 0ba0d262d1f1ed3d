package org.latentlens.cli;

import picocli.CommandLine.Option;

/**
 * The real labelled data a command reads a model through, and how to get the judge that reads it: the options
 * {@code evaluate} and {@code directions} share (a picocli mixin, so both spell and explain them alike).
 */
final class JudgedDataOptions {
    @Option(
            names = "--data",
            defaultValue = "synthetic",
            description = "Real labelled data for the judge: synthetic or celeba:PATH (default ${DEFAULT-VALUE}).")
    String data;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Seed of the dataset (synthetic) (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--judge-steps",
            defaultValue = "1500",
            description = "Training steps for a new judge (default ${DEFAULT-VALUE}).")
    int judgeSteps;

    @Option(names = "--retrain-judge", description = "Train a new judge even if the bundle has one.")
    boolean retrainJudge;

    /** {@link #data} as a dataset spec the data layer opens (a bare folder is read as CelebA layout when it has an attribute file). */
    String dataSpec() {
        return DataCommand.resolveSpec(data);
    }

    /** A progress bar for training a new judge, on the terminal. */
    ProgressBar judgeBar() {
        return new ProgressBar(System.out, "judge", judgeSteps);
    }
}
