package org.latentlens.tensorflow.graph;

/**
 * Floating-point operations of our networks, counted layer by layer from the architecture exactly as
 * {@link GanNetworks} builds them (a multiply-add counts as two operations; activations, pixel norm and bias adds
 * are left out: they are a few percent of the convolutions). The figures turn measured times into achieved
 * GFLOPS, comparable with the machine's peak.
 */
public final class NetworkFlops {
    private NetworkFlops() {}

    /** Forward pass of the generator G for one image. */
    public static long generator(GanArchitecture a) {
        long flops = dense(a.latentDims(), 16L * a.channelsAt(4));
        int size = 4;
        for (int level = 0; level < a.levels(); level++) {
            int in = a.channelsAt(size);
            size *= 2;
            int out = a.channelsAt(size);
            flops += conv(size, 3, in, out) + conv(size, 3, out, out);
        }
        return flops + conv(size, 1, a.channelsAt(size), a.channels());
    }

    /** Forward pass of the image-reading trunk shared by E, D and the judge, for one image. */
    public static long trunk(GanArchitecture a) {
        int size = a.imageSize();
        long flops = conv(size, 3, a.channels(), a.channelsAt(size));
        for (int level = 0; level < a.levels(); level++) {
            int in = a.channelsAt(size);
            size /= 2;
            flops += conv(size, 4, in, a.channelsAt(size));
        }
        return flops + dense(16L * a.channelsAt(4), a.hiddenUnits());
    }

    /** Forward pass of the encoder E (trunk plus its four heads) for one image. */
    public static long encoder(GanArchitecture a) {
        return trunk(a) + dense(a.hiddenUnits(), a.attributeCount() + a.semanticDims() + 2L * a.freeDims());
    }

    /** Forward pass of the discriminator D (trunk plus realism and attribute heads) for one image. */
    public static long discriminator(GanArchitecture a) {
        return trunk(a) + dense(a.hiddenUnits(), 1L + a.attributeCount());
    }

    /**
     * One training step per image of the batch: the graph runs D three times (x, G(z), G(E(x))), E twice (x,
     * G(z)) and G twice (E(x), z) forward, and back-propagates through all of them; a backward pass costs about
     * twice its forward pass (gradients for the inputs and for the weights), so the step is three times the forward
     * work. The EMA update and Adam are per weight, not per image, and are left out.
     */
    public static long trainingStepPerImage(GanArchitecture a) {
        long forward = 3 * discriminator(a) + 2 * encoder(a) + 2 * generator(a);
        return 3 * forward;
    }

    private static long conv(long outSize, int kernel, long in, long out) {
        return 2L * outSize * outSize * kernel * kernel * in * out;
    }

    private static long dense(long in, long out) {
        return 2L * in * out;
    }
}
