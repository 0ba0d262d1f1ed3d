package org.latentlens.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.MetricKeys;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.RealismCalibration;

/**
 * What a new user sees first, recomputed from the bundled model's weights: the face the explorer opens on (every
 * slider at its default, as {@code ExploreViewModel} resets to) and the Inspect panel's statement about it. Fails
 * when a new bundled model, or a change to the opening code or the realism readout, makes that face read as less
 * real than real faces, or when the manifest's figure no longer matches what the model computes.
 */
class BundledModelTest {

    @Test
    void opensOnAFaceTheInspectPanelReadsAsTypicalOfRealFaces() throws Exception {
        try (GanModel model = new DjlModelLoader().load(Path.of("models/default"))) {
            ModelManifest manifest = model.manifest();
            float[] opening = manifest.latent().defaults();
            double score = model.discriminate(model.generate(FloatMatrix.ofRow(opening)))
                    .realism()[0];

            Double stored = manifest.metrics().get(MetricKeys.DEFAULT_VIEW_SCORE);
            assertNotNull(stored, "evaluate stores the default view's score in the manifest");
            assertEquals(stored, score, 1e-4, "the manifest's figure is what the model computes");

            RealismCalibration calibration = manifest.calibration();
            assertNotNull(calibration, "evaluate stores the realism calibration in the manifest");
            RealismCalibration.Placement placement = calibration.place(score);
            assertEquals(
                    RealismCalibration.Band.TYPICAL,
                    placement.band(),
                    () -> "the opening face scores " + score + ", the " + placement.realPercentile()
                            + "th percentile of real faces");
        }
    }
}
