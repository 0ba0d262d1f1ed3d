package org.latentlens.ui.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.latentlens.core.model.FakeGanModel;
import org.latentlens.core.model.FeatureMaps;
import org.latentlens.core.model.ForwardingGanModel;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.UiExecutor;
import org.latentlens.ui.explore.ExploreViewModel;

/** The Activations panel follows renders only while open, and only for models that export feature maps. */
class ActivationsViewModelTest {
    private final ModelSession session = new ModelSession();
    private final ExploreViewModel explore = new ExploreViewModel(UiExecutor.direct(), session);
    private final ActivationsViewModel vm = new ActivationsViewModel(UiExecutor.direct(), session);

    private static ModelManifest fakeManifest() {
        return new ModelManifest(
                ModelManifest.CURRENT_FORMAT_VERSION,
                "fake",
                "",
                ImageSpec.rgbSquare(8),
                LatentLayout.of(List.of("Smiling"), 1, 1.5f, 3f),
                List.of("Smiling"),
                List.of("generate", "encode", "discriminate"),
                null,
                Map.of());
    }

    /**
     * A fake whose 4x4 level has three channels: channel c holds c * code[0] in its top-left pixel (so channel 2 is
     * the strongest for a positive code), and whose 8x8 level has one channel.
     */
    private static final class WithMaps extends ForwardingGanModel {
        final List<float[]> asked = new ArrayList<>();

        WithMaps() {
            super(new FakeGanModel(fakeManifest()));
        }

        @Override
        public boolean hasActivations() {
            return true;
        }

        @Override
        public List<FeatureMaps> activations(float[] code) {
            asked.add(code.clone());
            float[] coarse = new float[4 * 4 * 3];
            for (int c = 0; c < 3; c++) {
                coarse[c] = c * code[0];
            }
            float[] fine = new float[8 * 8];
            fine[63] = 1;
            return List.of(new FeatureMaps(4, 3, coarse), new FeatureMaps(8, 1, fine));
        }
    }

    @Test
    void nothingIsComputedUntilThePanelOpensThenEveryRenderIsFollowed() {
        WithMaps model = new WithMaps();
        session.open(model);
        assertTrue(vm.availableProperty().get());
        explore.randomize();
        assertTrue(model.asked.isEmpty(), "closed panel: no feature maps computed");
        assertNull(vm.sheetProperty().get());

        vm.shownProperty().set(true);
        assertEquals(1, model.asked.size(), "opening computes the face on screen");
        BufferedImage first = vm.sheetProperty().get();
        assertEquals(2 * ActivationSheet.CELL + ActivationSheet.GAP, first.getHeight(), "one row per level");
        assertEquals(3 * ActivationSheet.CELL + 2 * ActivationSheet.GAP, first.getWidth(), "up to three maps a row");
        assertTrue(
                vm.captionProperty().get().startsWith("4x4 (3), 8x8 (1)"),
                vm.captionProperty().get());

        explore.randomize();
        assertEquals(2, model.asked.size(), "each new render while open");
        assertEquals(session.code()[0], model.asked.get(1)[0], 0f, "for the code on screen");
        vm.shownProperty().set(false);
        explore.randomize();
        assertEquals(2, model.asked.size(), "closed again: nothing more");
    }

    @Test
    void theStrongestChannelComesFirstInEachRow() {
        FeatureMaps level = new WithMaps().activations(new float[] {1f, 0f}).get(0);
        assertEquals(List.of(2, 1, 0), level.strongest(3));
        assertEquals(List.of(2), level.strongest(1));
        BufferedImage sheet = ActivationSheet.render(List.of(level), 3);
        assertNotEquals(0, sheet.getRGB(0, 0) & 0xffffff, "the strongest map's bright pixel is in the first cell");
        assertEquals(
                0,
                sheet.getRGB(2 * (ActivationSheet.CELL + ActivationSheet.GAP), 0) & 0xffffff,
                "channel 0 (all zero) is last, and flat maps are black");
    }

    @Test
    void aModelWithoutFeatureMapsHasNoPanel() {
        session.open(new FakeGanModel(fakeManifest()));
        assertFalse(vm.availableProperty().get());
        vm.shownProperty().set(true);
        explore.randomize();
        assertNull(vm.sheetProperty().get(), "nothing to show");
    }
}
