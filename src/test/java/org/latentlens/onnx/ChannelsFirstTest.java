package org.latentlens.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChannelsFirstTest {
    @Test
    void channelsFirstRoundTrips() {
        int n = 2;
        int h = 3;
        int w = 4;
        int c = 3;
        float[] nhwc = new float[n * h * w * c];
        for (int i = 0; i < nhwc.length; i++) {
            nhwc[i] = i;
        }
        float[] nchw = ChannelsFirst.fromNhwc(nhwc, n, h, w, c);
        // Image 1, channel 2, row 1, column 3 sits at ((1*3+2)*3+1)*4+3 in NCHW and ((1*3+1)*4+3)*3+2 in NHWC.
        assertEquals(nhwc[((h + 1) * w + 3) * c + 2], nchw[((c + 2) * h + 1) * w + 3]);
        assertArrayEquals(nhwc, ChannelsFirst.toNhwc(nchw, n, c, h, w));
    }
}
