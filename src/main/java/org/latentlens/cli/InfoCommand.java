package org.latentlens.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.LatentDimension;
import org.latentlens.core.model.ModelLoader;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.ModelRole;
import org.latentlens.core.model.ModelSelfCheck;
import org.latentlens.core.model.OperationReport;
import org.latentlens.core.model.RealismCalibration;
import org.latentlens.core.model.RoleBinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code latent-lens info MODEL_DIR}: the manifest, the latent layout, the signatures found and what the graph's
 * operations may do. A model whose graph does more than compute is refused unless {@code --trust} is given.
 */
@Command(
        name = "info",
        description = "Print a model bundle's manifest, latent layout, signatures and the operations its graph uses.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL_DIR", description = "A model bundle folder.")
    Path modelDir;

    @Mixin
    TrustOption trust;

    private final ModelLoader loader;

    InfoCommand(ModelLoader loader) {
        this.loader = loader;
    }

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        try (GanModel model = loader.load(modelDir, trust.loadOptions())) {
            ModelManifest m = model.manifest();
            out.println("Model:       " + m.name());
            if (!m.description().isBlank()) {
                out.println("             " + m.description());
            }
            out.printf(
                    Locale.ROOT,
                    "Images:      %dx%d, %d channel(s), values in [%s, %s]%n",
                    m.image().width(),
                    m.image().height(),
                    m.image().channels(),
                    m.image().minValue(),
                    m.image().maxValue());
            out.println("Attributes:  " + String.join(", ", m.attributes()));
            out.println("Latent code: " + m.latent().size() + " dimensions");
            for (int i = 0; i < m.latent().size(); i++) {
                LatentDimension d = m.latent().get(i);
                out.printf(
                        Locale.ROOT,
                        "  %3d  %-20s %-8s [%6.2f, %6.2f]  default %.2f%s%n",
                        i,
                        d.name(),
                        d.kind().name().toLowerCase(Locale.ROOT),
                        d.min(),
                        d.max(),
                        d.defaultValue(),
                        d.hasPresence()
                                ? String.format(Locale.ROOT, "  in %.1f %% of training images", 100 * d.presence())
                                : "");
            }
            out.println("Roles:");
            for (ModelRole role : ModelRole.values()) {
                out.println("  " + String.format(Locale.ROOT, "%-13s", role.key()) + describe(model, role));
            }
            ModelSelfCheck.Report check = ModelSelfCheck.run(model);
            out.println("Self-check:  every role ran once on a small batch");
            check.checked().forEach(line -> out.println("  ok    " + line));
            check.warnings().forEach(line -> out.println("  warn  " + line));
            out.println("Operations:  "
                    + loader.scanOperations(modelDir)
                            .map(OperationReport::summary)
                            .orElse("not checked"));
            if (m.training() != null) {
                out.println("Training:    " + m.training().dataset() + ", "
                        + m.training().steps() + " steps, " + m.training().date());
                m.training().hyperParameters().forEach((k, v) -> out.println("  " + k + " = " + v));
            }
            if (m.metrics().isEmpty()) {
                out.println("Metrics:     none measured yet (run latent-lens evaluate)");
            } else {
                out.println("Metrics:");
                m.metrics().forEach((k, v) -> out.printf(Locale.ROOT, "  %-34s %.4f%n", k, v));
            }
            RealismCalibration c = m.calibration();
            if (c == null) {
                out.println("Realism:     not calibrated (run latent-lens evaluate)");
            } else {
                out.printf(
                        Locale.ROOT,
                        "Realism:     discriminator score, median (5th..95th percentile):"
                                + " real %.2f (%.2f..%.2f) on %d images, generated %.2f (%.2f..%.2f) on %d%n",
                        c.real().quantile(0.5),
                        c.real().quantile(0.05),
                        c.real().quantile(0.95),
                        c.real().count(),
                        c.generated().quantile(0.5),
                        c.generated().quantile(0.05),
                        c.generated().quantile(0.95),
                        c.generated().count());
            }
        }
        return 0;
    }

    private static String describe(GanModel model, ModelRole role) {
        RoleBinding b = model.manifest().binding(role);
        if (!model.supports(role)) {
            return switch (role) {
                case ENCODE -> "absent: images cannot be encoded (no encode pane, no reconstruction metrics)";
                case DISCRIMINATE -> "absent: no realism or attribute readouts";
                default -> "absent";
            };
        }
        if (model.approximates(role)) {
            return "computed by Latent Lens from discriminate (occlusion map; the model has no saliency of its own)";
        }
        return model.source(role) + (b.tensors().isEmpty() ? "" : ", tensors " + b.tensors());
    }
}
