package org.latentlens.ui.explore;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import org.latentlens.core.directions.BundleDirections;
import org.latentlens.core.directions.DirectionKind;
import org.latentlens.core.directions.LatentDirection;
import org.latentlens.ui.common.JudgedModelJob;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.UiExecutor;

/**
 * The "Find directions" button: finds the open model's named latent directions in the background exactly as
 * {@code latent-lens directions} does (judge from the bundle, or trained on the model's own labelled data), shows
 * each stage, can be cancelled, writes them to the bundle's directions.json and gives them to the explorer as
 * sliders without reopening the model (the code on screen stays).
 */
public final class FindDirectionsAction {
    private final ModelSession session;
    private final BundleDirections directions;
    private final BundleDirections.Options options;
    private final JudgedModelJob job;

    /**
     * @param directions finds directions ({@code null}: the app was started without a judge trainer; the button
     *     stays disabled)
     * @param options how many samples and interventions ({@link BundleDirections.Options#DEFAULT} in the app, as
     *     on the command line)
     */
    public FindDirectionsAction(
            ModelSession session, UiExecutor executor, BundleDirections directions, BundleDirections.Options options) {
        this.session = session;
        this.directions = directions;
        this.options = options;
        this.job = new JudgedModelJob(
                session,
                executor,
                directions != null,
                options.judgeSteps(),
                new JudgedModelJob.Texts(
                        "The manifest does not name labelled data to judge with: find directions with"
                                + " latent-lens directions MODEL --data DATA.",
                        "Search cancelled; directions.json was left as it was.",
                        "Finding directions failed: "));
    }

    /** Starts finding the open model's directions. */
    public void start() {
        job.start(
                (model, data) ->
                        "Finding directions of " + model.manifest().name() + " through a judge of " + data + "...",
                (model, dir, data, log, judgeProgress, cancelled) ->
                        directions.run(model, dir, data, options, log, judgeProgress, cancelled),
                (model, result) -> {
                    List<LatentDirection> found = result.directions().stream()
                            .map(BundleDirections.Found::direction)
                            .toList();
                    long supervised = found.stream()
                            .filter(d -> d.kind() == DirectionKind.SUPERVISED)
                            .count();
                    boolean shown = session.replaceDirections(model, found);
                    return String.format(
                            Locale.ROOT,
                            "Found %d directions (%d named by the judge, %d principal), written" + " to %s%s",
                            found.size(),
                            supervised,
                            found.size() - supervised,
                            result.file().getFileName(),
                            shown ? "." : "; another model is open now, so they are not shown.");
                });
    }

    /** Asks a running search to stop at its next stage. */
    public void cancel() {
        job.cancel();
    }

    /** Whether a search runs now. */
    public ReadOnlyBooleanProperty runningProperty() {
        return job.runningProperty();
    }

    /** Whether the open model's directions can be found from the app (its manifest names labelled data). */
    public ReadOnlyBooleanProperty possibleProperty() {
        return job.possibleProperty();
    }

    /** The current stage, or why a search is not possible, or how it ended. */
    public ReadOnlyStringProperty progressProperty() {
        return job.progressProperty();
    }
}
