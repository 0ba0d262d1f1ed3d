package org.latentlens.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.model.CategoricalFactor;
import org.latentlens.core.model.FakeGanModel;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.LatentSampler;
import org.latentlens.core.model.ManifestJson;
import org.latentlens.core.model.ModelBundleException;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.UiExecutor;
import org.latentlens.ui.explore.CategoricalState;
import org.latentlens.ui.explore.ExploreViewModel;

/** One-of-N attributes (race columns) are one factor in the manifest, the prior and the explorer. */
class CategoricalFactorTest {
    @TempDir
    Path tmp;

    private static final List<String> ATTRS = List.of("Male", "White", "Black", "Asian");
    private static final CategoricalFactor RACE = new CategoricalFactor("Race", List.of("White", "Black", "Asian"));

    private static ModelManifest manifest() {
        LatentLayout layout = LatentLayout.of(ATTRS, 2, 1.5f, 3f).withCategoricals(List.of(RACE));
        return new ModelManifest(1, "utk", "", ImageSpec.rgbSquare(8), layout, ATTRS, List.of(), null, Map.of());
    }

    @Test
    void theManifestRoundTripsTheFactorAndRefusesBadOnes() throws Exception {
        ManifestJson.write(manifest(), tmp);
        ModelManifest back = ManifestJson.read(tmp);
        assertEquals(List.of(RACE), back.latent().categoricals());
        String text = Files.readString(tmp.resolve("manifest.json"));
        assertTrue(text.contains("\"categorical\""), text);
        Files.writeString(tmp.resolve("manifest.json"), text.replace("\"Asian\"\n", "\"free_0\"\n"));
        String m = assertThrows(ModelBundleException.class, () -> ManifestJson.read(tmp))
                .getMessage();
        assertTrue(m.contains("lists 'free_0', which is not a semantic latent dimension"), m);
        assertThrows(IllegalArgumentException.class, () -> CategoricalFactor.parse("Race"));
        assertEquals(RACE, CategoricalFactor.parse("Race=White, Black,Asian"));
    }

    @Test
    void thePriorDrawsExactlyOneValuePerFactor() {
        LatentLayout layout = manifest().latent();
        Random r = new Random(1);
        int[] counts = new int[3];
        for (int i = 0; i < 3000; i++) {
            float[] z = LatentSampler.sample(layout, r);
            int present = 0;
            for (int k = 1; k <= 3; k++) {
                if (z[k] > 0) {
                    present++;
                    counts[k - 1]++;
                }
            }
            assertEquals(1, present, "one race per code");
        }
        for (int c : counts) {
            assertTrue(c > 850 && c < 1150, "each value drawn about a third of the time: " + Arrays.toString(counts));
        }
    }

    @Test
    void oneControlSetsTheCodeOneHotAndFollowsTheCode() {
        ModelSession session = new ModelSession();
        ExploreViewModel explore = new ExploreViewModel(UiExecutor.direct(), session);
        session.open(new FakeGanModel(manifest()));
        assertEquals(1, explore.categoricals().size());
        CategoricalState race = explore.categoricals().get(0);
        race.selectedProperty().set(2);
        float[] z = session.renderProperty().get().code();
        assertArrayEquals(new float[] {-1, -1, 1}, new float[] {z[1], z[2], z[3]}, "Asian present, the rest absent");
        explore.undo();
        assertEquals(0, race.selectedProperty().get(), "undo brings the previous choice back into the control");
        explore.dimensions().get(2).valueProperty().set(1.4);
        assertEquals(1, race.selectedProperty().get(), "the control shows the value the code spells");
    }
}
