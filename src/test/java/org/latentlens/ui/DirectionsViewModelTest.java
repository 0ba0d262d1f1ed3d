package org.latentlens.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latentlens.core.directions.DirectionKind;
import org.latentlens.core.directions.LatentDirection;
import org.latentlens.core.model.FakeGanModel;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.UiExecutor;
import org.latentlens.ui.explore.DirectionSlider;
import org.latentlens.ui.explore.DirectionsViewModel;
import org.latentlens.ui.explore.ExploreViewModel;

/** Discovered-direction sliders move the explorer's code through the session, on a fake model, without JavaFX. */
class DirectionsViewModelTest {
    // Latent code: Smiling, Age (semantic, ±1.5), free_0, free_1 (±3).
    private static final float[] HAPPY = {0.6f, 0, 0.8f, 0};
    private static final float[] OLDER = {0.8f, 0.6f, 0, 0};
    private static final float[] START = {0.2f, -0.3f, 0.5f, 1.0f};

    private ModelSession session;
    private ExploreViewModel explore;
    private DirectionsViewModel vm;
    private DirectionSlider happy;
    private DirectionSlider older;

    @BeforeEach
    void open() {
        ModelManifest manifest = new ModelManifest(
                1,
                "fake",
                "",
                ImageSpec.rgbSquare(4),
                LatentLayout.of(List.of("Smiling", "Age"), 2, 1.5f, 3f),
                List.of("Smiling", "Age"),
                List.of(),
                null,
                Map.of());
        session = new ModelSession();
        explore = new ExploreViewModel(UiExecutor.direct(), session);
        vm = new DirectionsViewModel(session);
        session.open(
                new FakeGanModel(manifest),
                null,
                List.of(
                        new LatentDirection("Happy", DirectionKind.SUPERVISED, "Happy", HAPPY, -3, 3, 0.71, 0.1),
                        new LatentDirection("PC1", DirectionKind.UNSUPERVISED, "Age", OLDER, -3, 3, 0.5, Double.NaN)));
        happy = vm.sliders().get(0);
        older = vm.sliders().get(1);
        session.setCode(START);
    }

    @Test
    void slidersShowWhereTheCodeLiesAlongEachDirectionAndSayWhatWasMeasured() {
        assertEquals(0.6 * 0.2 + 0.8 * 0.5, happy.valueProperty().get(), 1e-6);
        assertEquals(0.8 * 0.2 + 0.6 * -0.3, older.valueProperty().get(), 1e-6);
        assertEquals("steers 0.71 · leaks 0.10", happy.measured());
        assertEquals("PC1 · Age", older.title());
        explore.reset();
        assertEquals(0, happy.valueProperty().get(), 1e-6, "another edit moved the code: the slider follows");
    }

    @Test
    void movingASliderMovesTheCodeAlongTheVectorFromWhereItWasGrabbed() {
        vm.grab(happy);
        happy.valueProperty().set(happy.valueProperty().get() + 0.5);
        happy.valueProperty().set(happy.valueProperty().get() + 0.5);
        float[] z = session.code();
        for (int i = 0; i < z.length; i++) {
            assertEquals(START[i] + 1.0 * HAPPY[i], z[i], 1e-5, "dimension " + i);
        }
        happy.valueProperty().set(happy.valueProperty().get() - 1.0);
        assertArrayEquals(START, session.code(), 1e-5f, "dragging back returns to the grabbed code");
        happy.valueProperty().set(3);
        vm.release();
        assertEquals(1.5f, session.code()[0], 1e-6, "clamped to the Smiling slider's range");
        assertEquals(START[2] + (3 - 0.52) * 0.8, session.code()[2], 1e-4);
        explore.undo();
        assertArrayEquals(START, session.code(), 1e-6f, "the whole drag is one undo step");
    }

    @Test
    void aKeyPressMovesTooAndFollowsOtherEditsInBetween() {
        happy.valueProperty().set(happy.valueProperty().get() + 0.5);
        assertEquals(START[0] + 0.5 * HAPPY[0], session.code()[0], 1e-5);
        explore.dimensions().get(3).valueProperty().set(-2);
        happy.valueProperty().set(happy.valueProperty().get() + 0.5);
        assertEquals(-2, session.code()[3], 1e-6, "the next move starts from the code as it is now");
        assertEquals(START[0] + HAPPY[0], session.code()[0], 1e-5);
    }

    @Test
    void orthogonalisingRemovesLockedDirectionsAndLockedDimensions() {
        older.lockedProperty().set(true);
        vm.orthogonalizeProperty().set(true);
        double olderBefore = older.valueProperty().get();
        double happyBefore = happy.valueProperty().get();
        vm.grab(happy);
        happy.valueProperty().set(happyBefore + 0.5);
        vm.release();
        assertEquals(olderBefore, older.valueProperty().get(), 1e-5, "the locked direction's position stays");
        assertEquals(happyBefore + 0.5, happy.valueProperty().get(), 1e-5, "the slider still reads the position");
        assertFalse(Arrays.equals(START, session.code()), "the code moved");

        older.lockedProperty().set(false);
        explore.dimensions().get(0).lockedProperty().set(true);
        float smiling = session.code()[0];
        vm.grab(happy);
        happy.valueProperty().set(happy.valueProperty().get() - 1);
        vm.release();
        assertEquals(smiling, session.code()[0], 1e-6, "a locked latent slider keeps its value");
        assertEquals(happyBefore - 0.5, happy.valueProperty().get(), 1e-5);

        vm.orthogonalizeProperty().set(false);
        vm.grab(happy);
        happy.valueProperty().set(happy.valueProperty().get() + 1);
        assertTrue(Math.abs(session.code()[0] - smiling) > 0.5, "without orthogonalising the raw direction moves it");
    }

    @Test
    void aDirectionInsideTheLockedSpanCannotMoveAndSaysWhy() {
        explore.dimensions().get(0).lockedProperty().set(true);
        explore.dimensions().get(2).lockedProperty().set(true);
        vm.orthogonalizeProperty().set(true);
        vm.grab(happy);
        happy.valueProperty().set(happy.valueProperty().get() + 1);
        assertArrayEquals(START, session.code(), 1e-6f);
        assertTrue(
                vm.messageProperty().get().contains("cannot move"),
                vm.messageProperty().get());
    }

    @Test
    void aModelWithoutDirectionsHasNoSliders() {
        session.open(new FakeGanModel(session.modelProperty().get().manifest()));
        assertTrue(vm.sliders().isEmpty());
    }
}
