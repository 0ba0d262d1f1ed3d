package org.latentlens.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The interface rules both engines' loaders hold a model to. */
class ExpectedTensorsTest {
    private static ModelManifest manifest(List<String> attributes, ImageLayout layout) {
        return new ModelManifest(
                1,
                "m",
                "",
                ImageSpec.rgbSquare(32),
                LatentLayout.of(attributes, 4, 1f, 3f),
                attributes,
                List.of("generate"),
                null,
                Map.of(),
                layout,
                Map.of());
    }

    private static ExpectedTensors.Tensor tensor(ModelManifest m, ModelRole role, String name) {
        return ExpectedTensors.of(m, role).stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void shapesFollowTheManifest() {
        ModelManifest m = manifest(List.of("Smiling", "Male"), ImageLayout.NHWC);
        ExpectedTensors.Tensor z = tensor(m, ModelRole.GENERATE, SignatureNames.Z);
        assertTrue(z.input());
        assertArrayEquals(new long[] {-1, 6}, z.shapes().get(0));
        assertTrue(z.fits(new long[] {7, 6}));
        assertFalse(z.fits(new long[] {-1, 5}));
        assertArrayEquals(
                new long[] {-1, 32, 32, 3},
                tensor(m, ModelRole.GENERATE, SignatureNames.IMAGE).shapes().get(0));
        assertArrayEquals(
                new long[] {-1, 32, 32},
                tensor(m, ModelRole.SALIENCY, SignatureNames.SALIENCY_MAP)
                        .shapes()
                        .get(0));
        ExpectedTensors.Tensor attributes = tensor(m, ModelRole.ENCODE, SignatureNames.ATTRIBUTES);
        assertFalse(attributes.optional(), "a manifest that names attributes needs the head");
        assertFalse(attributes.fits(new long[] {-1, 3}));
    }

    @Test
    void realismMayBeAColumnAndAttributeHeadsMayBeMissingWhenNoneAreNamed() {
        ModelManifest m = manifest(List.of(), ImageLayout.NHWC);
        ExpectedTensors.Tensor realism = tensor(m, ModelRole.DISCRIMINATE, SignatureNames.REALISM);
        assertTrue(realism.fits(new long[] {-1}));
        assertTrue(realism.fits(new long[] {-1, 1}));
        assertFalse(realism.fits(new long[] {-1, 2}));
        assertArrayEquals(new long[] {-1, 1}, realism.shapeFor(new long[] {-1, 2}), "named by the actual rank");
        assertArrayEquals(new long[] {-1}, realism.shapeFor(new long[] {-1, 1, 1}));
        assertTrue(tensor(m, ModelRole.DISCRIMINATE, SignatureNames.ATTRIBUTES).optional());
    }

    @Test
    void anImageInTheOtherLayoutIsNamed() {
        ModelManifest nhwc = manifest(List.of(), ImageLayout.NHWC);
        assertEquals(
                Optional.of(ImageLayout.NCHW),
                ExpectedTensors.otherLayoutFitting(nhwc, SignatureNames.IMAGE, new long[] {-1, 3, 32, 32}));
        assertEquals(
                Optional.empty(),
                ExpectedTensors.otherLayoutFitting(nhwc, SignatureNames.IMAGE, new long[] {-1, 3, 16, 16}));
        assertEquals(
                Optional.empty(),
                ExpectedTensors.otherLayoutFitting(nhwc, SignatureNames.Z, new long[] {-1, 3, 32, 32}));
        ModelManifest nchw = manifest(List.of(), ImageLayout.NCHW);
        assertEquals(
                Optional.of(ImageLayout.NHWC),
                ExpectedTensors.otherLayoutFitting(nchw, SignatureNames.IMAGE, new long[] {-1, 32, 32, 3}));
        assertTrue(ExpectedTensors.layoutHint(ImageLayout.NCHW).contains("\"layout\": \"NCHW\""));
    }
}
