package org.latentlens.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random faces draw each attribute as often as the training images have it. */
class LatentSamplerTest {
    private static LatentDimension semantic(String name, float presence) {
        return LatentDimension.semantic(name, 1.5f).withPresence(presence);
    }

    @Test
    void anAttributeIsDrawnPresentAsOftenAsItsPresenceSays() {
        LatentLayout layout = new LatentLayout(List.of(
                semantic("Black", 0.04f),
                LatentDimension.semantic("Smiling", 1.5f),
                semantic("Young", 0.8f),
                LatentDimension.free("free_0", 3f)));
        Random r = new Random(7);
        int n = 20_000;
        int[] present = new int[3];
        for (int i = 0; i < n; i++) {
            float[] z = LatentSampler.sample(layout, r);
            for (int d = 0; d < 3; d++) {
                present[d] += z[d] > 0 ? 1 : 0;
                float strength = Math.abs(z[d]);
                assertTrue(strength >= LatentSampler.MIN_STRENGTH && strength <= LatentSampler.MAX_STRENGTH);
            }
        }
        assertEquals(0.04, present[0] / (double) n, 0.006);
        assertEquals(0.5, present[1] / (double) n, 0.015, "no presence in the manifest: half the time");
        assertEquals(0.8, present[2] / (double) n, 0.012);
    }

    @Test
    void aCategoricalFactorTakesItsValuesInTheDataMix() {
        LatentLayout layout = new LatentLayout(
                List.of(semantic("White", 0.54f), semantic("Black", 0.04f), semantic("Asian", 0.42f)),
                List.of(new CategoricalFactor("Race", List.of("White", "Black", "Asian"))));
        Random r = new Random(11);
        int n = 20_000;
        int[] chosen = new int[3];
        for (int i = 0; i < n; i++) {
            float[] z = LatentSampler.sample(layout, r);
            int positives = 0;
            for (int k = 0; k < 3; k++) {
                if (z[k] > 0) {
                    positives++;
                    chosen[k]++;
                }
            }
            assertEquals(1, positives, "exactly one value of a factor is present");
        }
        assertEquals(0.54, chosen[0] / (double) n, 0.015);
        assertEquals(0.04, chosen[1] / (double) n, 0.006);
        assertEquals(0.42, chosen[2] / (double) n, 0.015);
    }

    @Test
    void aManifestWithoutPresencesSamplesExactlyAsTheTrainersPriorAlwaysHas() {
        LatentLayout layout = new LatentLayout(
                List.of(
                        LatentDimension.semantic("A", 1.5f),
                        LatentDimension.semantic("B", 1.5f),
                        LatentDimension.semantic("C", 1.5f),
                        LatentDimension.free("f", 3f)),
                List.of(new CategoricalFactor("BC", List.of("B", "C"))));
        Random drawn = new Random(3);
        Random expected = new Random(3);
        for (int i = 0; i < 100; i++) {
            float[] z = LatentSampler.sample(layout, drawn);
            // The prior as the trainer draws it: strength, then a fair sign; a free value; then the factor's value.
            float[] want = new float[4];
            for (int d = 0; d < 3; d++) {
                float strength = LatentSampler.MIN_STRENGTH
                        + (LatentSampler.MAX_STRENGTH - LatentSampler.MIN_STRENGTH) * expected.nextFloat();
                want[d] = expected.nextBoolean() ? strength : -strength;
            }
            want[3] = (float) expected.nextGaussian();
            int value = expected.nextInt(2);
            want[1] = value == 0 ? Math.abs(want[1]) : -Math.abs(want[1]);
            want[2] = value == 1 ? Math.abs(want[2]) : -Math.abs(want[2]);
            assertEquals(Arrays.toString(want), Arrays.toString(z));
        }
    }

    @Test
    void aPresenceOutsideZeroToOneOrOnAFreeDimensionIsRefused() {
        IllegalArgumentException high = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> semantic("Smiling", 1.3f));
        assertTrue(high.getMessage().contains("between 0 and 1"), high.getMessage());
        IllegalArgumentException free = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> LatentDimension.free("free_0", 3f).withPresence(0.5f));
        assertTrue(free.getMessage().contains("free"), free.getMessage());
    }
}
