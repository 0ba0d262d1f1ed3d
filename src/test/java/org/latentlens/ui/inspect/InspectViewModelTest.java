package org.latentlens.ui.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.latentlens.core.model.FakeGanModel;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.RealismCalibration;
import org.latentlens.core.model.ScoreDistribution;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.UiExecutor;
import org.latentlens.ui.explore.ExploreViewModel;

/** The realism statement in words, on a fake model with fixed scores: no TensorFlow, no JavaFX toolkit. */
class InspectViewModelTest {
    private final ModelSession session = new ModelSession();
    private final ExploreViewModel explore = new ExploreViewModel(UiExecutor.direct(), session);
    private final InspectViewModel inspect = new InspectViewModel(session);

    /** Real faces scored 0, 1, ..., 100; the model's own samples -50 ... 50. */
    private static RealismCalibration calibration() {
        double[] real = new double[101];
        double[] generated = new double[101];
        for (int i = 0; i <= 100; i++) {
            real[i] = i;
            generated[i] = i - 50;
        }
        return new RealismCalibration(
                ScoreDistribution.of(real, ScoreDistribution.PERCENTILES),
                ScoreDistribution.of(generated, ScoreDistribution.PERCENTILES),
                "synthetic(seed=7), held-out images");
    }

    private static ModelManifest manifest(RealismCalibration calibration) {
        return new ModelManifest(
                        ModelManifest.CURRENT_FORMAT_VERSION,
                        "fake",
                        "",
                        ImageSpec.rgbSquare(8),
                        LatentLayout.of(List.of("Smiling"), 1, 1.5f, 3f),
                        List.of("Smiling"),
                        List.of("generate", "encode", "discriminate"),
                        null,
                        Map.of())
                .withCalibration(calibration);
    }

    /** The statement shown after rendering an image the fake model scores {@code score}. */
    private RealismStatement statementFor(FakeGanModel model, float score) {
        model.setRealism(score);
        if (explore.modelProperty().get() == null) {
            session.open(model);
        } else {
            explore.randomize();
        }
        assertEquals(score, inspect.realismProperty().get(), 1e-6, "a new render was applied");
        return inspect.realismStatementProperty().get();
    }

    @Test
    void aScoreInsideTheRealDistributionIsTypical() {
        FakeGanModel model = new FakeGanModel(manifest(calibration()));
        RealismStatement s = statementFor(model, 62);
        assertEquals("Typical of real faces (62nd percentile of real faces)", s.text());
        assertFalse(s.alarm());
        assertTrue(s.detail().contains("Raw realism score 62.00"), s.detail());
        assertTrue(s.detail().contains("101 held-out real images (synthetic(seed=7), held-out images)"), s.detail());
        assertTrue(s.detail().contains("101 images generated from codes drawn from the latent prior"), s.detail());
        assertEquals(
                "Typical of real faces (5th percentile of real faces)",
                statementFor(model, 5).text());
        assertEquals(
                "Typical of real faces (95th percentile of real faces)",
                statementFor(model, 95).text());
    }

    @Test
    void scoresBelowTheRealDistributionSayHowMuchLessReal() {
        FakeGanModel model = new FakeGanModel(manifest(calibration()));
        assertEquals(
                "Less real than 97% of real faces; as usual for this model (53rd percentile of its samples)",
                statementFor(model, 3).text());
        assertEquals(
                "Less real than any real face measured; as usual for this model (49th percentile of its samples)",
                statementFor(model, -1).text());
        assertFalse(inspect.realismStatementProperty().get().alarm(), "usual for the model: no warning");
    }

    @Test
    void leavingTheModelsOwnRegionIsPartOfTheSameStatement() {
        FakeGanModel model = new FakeGanModel(manifest(calibration()));
        RealismStatement s = statementFor(model, -49);
        assertEquals(
                "Less real than any real face measured; below 99% of this model's own samples"
                        + " \u2014 this edit has left the region the model learnt",
                s.text());
        assertTrue(s.alarm());
        assertEquals(
                "Less real than any real face measured; below every sample of this model measured"
                        + " \u2014 this edit has left the region the model learnt",
                statementFor(model, -60).text());
    }

    @Test
    void scoresAboveTheRealDistributionSayHowMuchMoreReal() {
        FakeGanModel model = new FakeGanModel(manifest(calibration()));
        assertEquals(
                "More real than 97% of real faces; more real than any sample of this model measured",
                statementFor(model, 97).text());
        assertTrue(
                statementFor(model, 99.9f).text().startsWith("More real than 99% of real faces;"),
                "never 100% inside the range");
        assertEquals(
                "More real than any real face measured; more real than any sample of this model measured",
                statementFor(model, 150).text());
        assertEquals(
                "Typical of real faces (49th percentile of real faces)",
                statementFor(model, 49).text(),
                "the model's own samples are not mentioned when the face is typical of real ones");
    }

    @Test
    void anUncalibratedModelShowsTheRawScoreOnlyInTheTooltip() {
        FakeGanModel model = new FakeGanModel(manifest(null));
        RealismStatement s = statementFor(model, -9.05f);
        assertEquals("Realism: not calibrated \u2014 run Evaluate", s.text());
        assertFalse(s.alarm());
        assertTrue(s.detail().contains("Raw realism score -9.05"), s.detail());
        assertTrue(s.detail().contains("latent-lens evaluate"), s.detail());
        assertFalse(s.text().contains("%") || s.detail().contains("% real"), "no probability read off a bare logit");
    }

    @Test
    void anUncalibratedModelStillWarnsBelowTheFloorMeasuredOnOpening() {
        inspect.setRealismFloor(-5);
        FakeGanModel model = new FakeGanModel(manifest(null));
        RealismStatement s = statementFor(model, -9.05f);
        assertTrue(s.text().startsWith("Realism: not calibrated \u2014 run Evaluate; "), s.text());
        assertTrue(s.text().endsWith("this edit has left the region the model learnt"), s.text());
        assertTrue(s.alarm());
        assertFalse(statementFor(model, -4).alarm());
    }

    @Test
    void noModelNoStatement() {
        statementFor(new FakeGanModel(manifest(calibration())), 50);
        session.open(null);
        assertEquals(RealismStatement.NONE, inspect.realismStatementProperty().get());
    }

    @Test
    void ordinalsReadAsWords() {
        assertEquals(
                List.of("1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "62nd", "93rd", "100th"),
                List.of(1L, 2L, 3L, 4L, 11L, 12L, 13L, 21L, 62L, 93L, 100L).stream()
                        .map(RealismStatement::ordinal)
                        .toList());
    }
}
