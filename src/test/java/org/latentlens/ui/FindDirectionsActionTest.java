package org.latentlens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.directions.BundleDirections;
import org.latentlens.core.directions.DirectionFinder;
import org.latentlens.core.directions.DirectionKind;
import org.latentlens.core.directions.DirectionsJson;
import org.latentlens.core.directions.LatentDirection;
import org.latentlens.core.directions.LogisticBoundary;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.TrainingRecord;
import org.latentlens.tensorflow.BundleWriter;
import org.latentlens.tensorflow.DjlModelLoader;
import org.latentlens.tensorflow.TfJudgeTrainer;
import org.latentlens.tensorflow.TinyBundles;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.UiExecutor;
import org.latentlens.ui.explore.DirectionsViewModel;
import org.latentlens.ui.explore.FindDirectionsAction;

/**
 * The app's "Find directions" button on a tiny real model: it finds and measures directions through a real judge,
 * writes directions.json and gives the explorer one slider per direction without reopening the model; a cancelled
 * search leaves the bundle as it was.
 */
class FindDirectionsActionTest {
    @TempDir
    Path tmp;

    private static final BundleDirections.Options SMALL = new BundleDirections.Options(
            List.of("Smiling", "Eyeglasses"),
            new DirectionFinder.Settings(64, 2, 8, 1.5, LogisticBoundary.DEFAULT_L2, 11),
            10,
            false,
            1);

    /** A tiny random bundle whose manifest says it was trained on synthetic faces, so the app knows the data. */
    private Path bundle() throws Exception {
        ModelManifest m = TinyBundles.manifest();
        ModelManifest trained = new ModelManifest(
                m.formatVersion(),
                m.name(),
                m.description(),
                m.image(),
                m.latent(),
                m.attributes(),
                m.signatures(),
                new TrainingRecord("synthetic(seed=1)", 10, "", Map.of()),
                Map.of());
        Path dir = tmp.resolve("tiny");
        BundleWriter.writeRandom(TinyBundles.architecture(), 4, trained, dir);
        return dir;
    }

    @Test
    void findsDirectionsAndShowsThemAsSlidersWithoutReopening() throws Exception {
        Path dir = bundle();
        ModelSession session = new ModelSession();
        DirectionsViewModel sliders = new DirectionsViewModel(session);
        try (GanModel model = new DjlModelLoader().load(dir)) {
            session.open(model, dir, List.of());
            assertTrue(sliders.sliders().isEmpty());
            FindDirectionsAction find = new FindDirectionsAction(
                    session, UiExecutor.direct(), new BundleDirections(new TfJudgeTrainer()), SMALL);
            assertTrue(find.possibleProperty().get());

            find.start();

            assertFalse(find.runningProperty().get());
            assertEquals(model, session.modelProperty().get(), "the model was not reopened");
            List<LatentDirection> saved =
                    DirectionsJson.read(dir, model.manifest().latent().size());
            List<String> names = saved.stream().map(LatentDirection::name).toList();
            assertTrue(names.containsAll(List.of("PC1", "PC2")), names.toString());
            // A random tiny model may give a judged attribute no boundary (the judge reads it the same everywhere).
            long named = saved.stream()
                    .filter(d -> d.kind() == DirectionKind.SUPERVISED)
                    .count();
            assertTrue(
                    find.progressProperty()
                            .get()
                            .startsWith("Found " + saved.size() + " directions (" + named
                                    + " named by the judge, 2 principal)"),
                    find.progressProperty().get());
            assertEquals(
                    names,
                    session.directions().stream().map(LatentDirection::name).toList());
            assertEquals(saved.size(), sliders.sliders().size(), "one slider per direction found");
            assertEquals(
                    "PC2", sliders.sliders().get(saved.size() - 1).direction().name());
        }
    }

    @Test
    void aCancelledSearchLeavesTheBundleAsItWas() throws Exception {
        Path dir = bundle();
        ModelSession session = new ModelSession();
        try (GanModel model = new DjlModelLoader().load(dir)) {
            session.open(model, dir, List.of());
            FindDirectionsAction[] find = new FindDirectionsAction[1];
            UiExecutor cancelFirst = new UiExecutor() {
                @Override
                public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError) {
                    find[0].cancel(); // the user presses Cancel before the work gets the CPU
                    UiExecutor.direct().run(work, onSuccess, onError);
                }

                @Override
                public void onUiThread(Runnable action) {
                    action.run();
                }
            };
            find[0] = new FindDirectionsAction(session, cancelFirst, new BundleDirections(new TfJudgeTrainer()), SMALL);
            find[0].start();
            assertTrue(
                    find[0].progressProperty().get().startsWith("Search cancelled"),
                    find[0].progressProperty().get());
            assertFalse(Files.exists(dir.resolve(DirectionsJson.FILE_NAME)));
            assertTrue(session.directions().isEmpty());
        }
    }
}
