package org.latentlens.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.latentlens.core.data.DatasetException;
import org.latentlens.core.eval.JudgeTrainer;
import org.latentlens.core.model.ModelBundleException;
import org.latentlens.core.model.ModelLoader;
import org.latentlens.core.train.ModelTrainer;
import org.latentlens.core.train.TrainingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code latent-lens} command: subcommands for tools; with none, it opens the explorer. */
@Command(
        name = "latent-lens",
        mixinStandardHelpOptions = true,
        version = "Latent Lens 0.1",
        description = "Explore, encode, measure and train interpretable GANs. With no subcommand, opens the app.")
public final class LatentLensCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "MODEL_DIR", description = "Model bundle to open in the app.")
    Path model;

    @Option(names = "--encode", paramLabel = "IMAGE", description = "Image to encode once the model is open.")
    Path encode;

    /** What the app should open with. */
    public record AppStart(Path model, Path encode) {}

    private final Consumer<AppStart> openGui;

    private LatentLensCommand(Consumer<AppStart> openGui) {
        this.openGui = openGui;
    }

    /**
     * Builds the command line with its subcommands.
     *
     * @param loader opens model bundles
     * @param trainer trains models
     * @param judges trains and loads judges for evaluation
     * @param openGui starts the explorer on a model folder ({@code null}: the default), optionally encoding an image
     */
    public static CommandLine create(
            ModelLoader loader, ModelTrainer trainer, JudgeTrainer judges, Consumer<AppStart> openGui) {
        CommandLine cli = new CommandLine(new LatentLensCommand(openGui));
        cli.addSubcommand(new InfoCommand(loader));
        cli.addSubcommand(new SynthCommand());
        cli.addSubcommand(new DataCommand());
        cli.addSubcommand(new TrainCommand(trainer));
        cli.getSubcommands().get("train").getCommandSpec().usageMessage().footer(TrainCommand.recipeHelp());
        cli.addSubcommand(new ExportCommand(trainer));
        cli.addSubcommand(new EvaluateCommand(loader, judges));
        cli.addSubcommand(new CompareCommand(loader, judges));
        cli.addSubcommand(new DirectionsCommand(loader, judges));
        cli.addSubcommand(new StripCommand(loader));
        cli.addSubcommand(new SheetCommand(loader));
        cli.addSubcommand(new BenchCommand(loader, trainer));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // Problems the user can fix are one clear line, not a stack trace.
            if (e instanceof ModelBundleException
                    || e instanceof DatasetException
                    || e instanceof TrainingException
                    || e instanceof IOException
                    || e instanceof IllegalArgumentException) {
                commandLine.getErr().println("Error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public Integer call() {
        openGui.accept(new AppStart(model, encode));
        return 0;
    }
}
