package org.latentlens.onnx;

/**
 * Transposes image batches between Latent Lens's NHWC and the NCHW of channels-first (PyTorch) models. Done on
 * Java arrays because DJL's ONNX Runtime arrays cannot transpose without a second engine.
 */
final class ChannelsFirst {
    private ChannelsFirst() {}

    /** NHWC {@code [n, h, w, c]} to NCHW {@code [n, c, h, w]}. */
    static float[] fromNhwc(float[] nhwc, int n, int h, int w, int c) {
        float[] out = new float[nhwc.length];
        int plane = h * w;
        for (int i = 0; i < n; i++) {
            int base = i * plane * c;
            for (int p = 0; p < plane; p++) {
                for (int k = 0; k < c; k++) {
                    out[base + k * plane + p] = nhwc[base + p * c + k];
                }
            }
        }
        return out;
    }

    /** NCHW {@code [n, c, h, w]} to NHWC {@code [n, h, w, c]}. */
    static float[] toNhwc(float[] nchw, int n, int c, int h, int w) {
        float[] out = new float[nchw.length];
        int plane = h * w;
        for (int i = 0; i < n; i++) {
            int base = i * plane * c;
            for (int k = 0; k < c; k++) {
                for (int p = 0; p < plane; p++) {
                    out[base + p * c + k] = nchw[base + k * plane + p];
                }
            }
        }
        return out;
    }
}
