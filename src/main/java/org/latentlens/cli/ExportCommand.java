package org.latentlens.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.latentlens.core.train.ModelTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code latent-lens export RUN_DIR}: writes the bundle from a run's newest good checkpoint. */
@Command(
        name = "export",
        description = "Export the model bundle of a training run from its newest good checkpoint"
                + " (for runs that were killed, or to export mid-run).")
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A training run folder (it has run.json).")
    Path runDir;

    private final ModelTrainer trainer;

    ExportCommand(ModelTrainer trainer) {
        this.trainer = trainer;
    }

    @Override
    public Integer call() throws Exception {
        long step = trainer.export(runDir);
        spec.commandLine()
                .getOut()
                .println("Exported step " + step + " of " + runDir + " as a model bundle in " + runDir);
        return 0;
    }
}
