package org.latentlens.ui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.TrainingDomain;
import org.latentlens.core.model.TrainingRecord;
import org.latentlens.core.train.Recipe;
import org.latentlens.ui.common.ModelSession;

/** The open model's manifest as people read it: what it is, how it was trained, what was measured. */
public final class ModelCardViewModel {
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ObservableList<String> metrics = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper figures = new ReadOnlyStringWrapper("");

    /** Follows the model open in {@code session}. */
    public ModelCardViewModel(ModelSession session) {
        session.modelProperty().addListener((o, was, now) -> update(now));
        update(session.modelProperty().get());
    }

    private void update(GanModel model) {
        metrics.clear();
        if (model == null) {
            figures.set("");
            summary.set("");
            return;
        }
        ModelManifest m = model.manifest();
        StringBuilder s = new StringBuilder(m.name());
        if (!m.description().isBlank()) {
            s.append('\n').append(m.description());
        }
        if (m.training() != null) {
            s.append(String.format(
                    Locale.ROOT,
                    "%nTrained %d steps on %s",
                    m.training().steps(),
                    m.training().dataset()));
            s.append('\n').append(recipe(m.training()));
        }
        s.append('\n').append(TrainingDomain.describe(m));
        summary.set(s.toString());
        metrics.setAll(lines(m.metrics()));
        List<String> readable = ReadableFigures.lines(m.metrics());
        figures.set(
                readable.isEmpty()
                        ? "Not measured yet: run latent-lens evaluate on this model."
                        : String.join("\n", readable));
    }

    /** The recipe a model was trained with, explained; a recipe this build does not know is only named. */
    static String recipe(TrainingRecord training) {
        try {
            Recipe r = Recipe.ofKey(training.recipe());
            return "Recipe: " + r.key() + ". " + r.card();
        } catch (IllegalArgumentException e) {
            return "Recipe: " + training.recipe() + ".";
        }
    }

    /** Metric lines in display order; a model never evaluated says how to measure it. */
    static List<String> lines(Map<String, Double> metrics) {
        List<String> out = new ArrayList<>();
        if (metrics.isEmpty()) {
            out.add("Not measured yet: run latent-lens evaluate MODEL_DIR");
            return out;
        }
        metrics.forEach((k, v) -> {
            if (!k.startsWith("judge.accuracy.")) {
                // The figure first: a narrow card cuts off the end of a line, and the name is the part one can guess.
                out.add(String.format(Locale.ROOT, "%6.3f  %s", v, k));
            }
        });
        return out;
    }

    /** The measured figures in sentences, each saying what it means and whether it is good. */
    public ReadOnlyStringProperty figuresProperty() {
        return figures.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ObservableList<String> metrics() {
        return metrics;
    }
}
