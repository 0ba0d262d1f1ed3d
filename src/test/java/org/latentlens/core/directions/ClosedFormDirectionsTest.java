package org.latentlens.core.directions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SeFa on hand-made first layers whose answer is known. */
class ClosedFormDirectionsTest {
    private static double abs(double[] v, int i) {
        return Math.abs(v[i]);
    }

    @Test
    void theAxisTheLayerAmplifiesMostComesFirst() {
        // Rows are latent dimensions: z_2 drives the layer 3x as hard as z_0; z_1 does nothing.
        LatentProjection p = new LatentProjection(
                new float[] {
                    1, 0, 0, 0,
                    0, 0, 0, 0,
                    0, 3, 0, 0
                },
                3,
                4);
        List<double[]> top = ClosedFormDirections.top(p, 2);
        assertEquals(2, top.size());
        assertEquals(1.0, abs(top.get(0), 2), 1e-9);
        assertEquals(1.0, abs(top.get(1), 0), 1e-9);
    }

    @Test
    void twoDimensionsThatDriveTheSameOutputsAreOneDirection() {
        LatentProjection p = new LatentProjection(
                new float[] {
                    1, 1, 0,
                    1, 1, 0,
                    0, 0, 0.5f
                },
                3,
                3);
        double[] first = ClosedFormDirections.top(p, 3).get(0);
        assertEquals(Math.sqrt(0.5), abs(first, 0), 1e-9);
        assertEquals(Math.sqrt(0.5), abs(first, 1), 1e-9);
        assertEquals(Math.signum(first[0]), Math.signum(first[1]), "the same sign: together, not against each other");
        assertEquals(3, ClosedFormDirections.top(p, 10).size(), "never more directions than dimensions");
    }

    @Test
    void aProjectionOfTheWrongSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LatentProjection(new float[5], 2, 3));
    }
}
