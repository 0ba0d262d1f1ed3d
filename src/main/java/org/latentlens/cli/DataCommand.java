package org.latentlens.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.latentlens.core.data.DatasetReport;
import org.latentlens.core.data.Datasets;
import org.latentlens.core.data.ImageDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code latent-lens data ...}: dataset tools. */
@Command(name = "data", description = "Inspect datasets.", subcommands = DataCommand.Info.class)
final class DataCommand {

    /** {@code latent-lens data info PATH}. */
    @Command(name = "info", description = "Print image count, attributes with positive rates, and problems found.")
    static final class Info implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(
                index = "0",
                paramLabel = "DATA",
                description =
                        "synthetic, celeba:PATH, folder:PATH, or a folder (CelebA layout if it has an attribute file).")
        String data;

        @Option(
                names = "--check",
                defaultValue = "200",
                description = "Images to decode as a readability check (default ${DEFAULT-VALUE}).")
        int check;

        @Override
        public Integer call() throws Exception {
            ImageDataset dataset = Datasets.open(resolveSpec(data), 64, 1);
            DatasetReport.inspect(dataset, check)
                    .lines()
                    .forEach(spec.commandLine().getOut()::println);
            return 0;
        }
    }

    /** A bare folder is CelebA layout when it has an attribute file, otherwise a plain image folder. */
    static String resolveSpec(String data) {
        if (data.equals("synthetic") || data.startsWith("celeba:") || data.startsWith("folder:")) {
            return data;
        }
        Path p = Path.of(data);
        boolean labelled = Files.isRegularFile(p)
                || Files.exists(p.resolve("list_attr.txt"))
                || Files.exists(p.resolve("list_attr_celeba.txt"));
        return (labelled ? "celeba:" : "folder:") + data;
    }
}
