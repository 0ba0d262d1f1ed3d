package org.latentlens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ManifestJson;
import org.latentlens.tensorflow.DjlModelLoader;
import org.latentlens.tensorflow.TinyBundles;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.UiExecutor;
import org.latentlens.ui.explore.ExploreViewModel;
import org.latentlens.ui.model.ModelCardViewModel;

/** Measured figures reach the model card and each slider. */
class ModelCardTest {
    @TempDir
    Path tmp;

    @Test
    void metricsFromTheManifestAreShownOnTheCardAndBesideEachSlider() throws Exception {
        Path dir = TinyBundles.write(tmp.resolve("m"), 1);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("judge.accuracy", 0.99);
        metrics.put("steerability.Smiling", 0.97);
        metrics.put("leakage.Smiling", 0.02);
        ManifestJson.write(ManifestJson.read(dir).withMetrics(metrics), dir);
        ModelSession session = new ModelSession();
        ExploreViewModel explore = new ExploreViewModel(UiExecutor.direct(), session);
        ModelCardViewModel card = new ModelCardViewModel(session);
        try (GanModel model = new DjlModelLoader().load(dir)) {
            session.open(model);
            assertTrue(card.summaryProperty().get().startsWith("tiny"));
            assertEquals(3, card.metrics().size());
            assertTrue(
                    card.metrics().get(1).matches("\\s*0\\.970\\s+steerability\\.Smiling"),
                    card.metrics().get(1));
            String figures = card.figuresProperty().get();
            assertTrue(figures.contains("99.0% accurate on images it never saw"), figures);
            assertTrue(
                    card.summaryProperty().get().contains("Not stated: the manifest does not say what this model"),
                    card.summaryProperty().get());
            assertEquals(0.97, explore.dimensions().get(0).steerability(), 1e-9);
            assertEquals(0.02, explore.dimensions().get(0).leakage(), 1e-9);
            assertTrue(Double.isNaN(explore.dimensions().get(1).steerability()), "Eyeglasses was not measured");
        }
    }

    @Test
    void anUnmeasuredModelSaysHowToMeasureIt() throws Exception {
        ModelSession session = new ModelSession();
        ExploreViewModel explore = new ExploreViewModel(UiExecutor.direct(), session);
        ModelCardViewModel card = new ModelCardViewModel(session);
        try (GanModel model = new DjlModelLoader().load(TinyBundles.write(tmp.resolve("m"), 1))) {
            session.open(model);
            assertTrue(card.metrics().get(0).contains("latent-lens evaluate"));
        }
    }
}
