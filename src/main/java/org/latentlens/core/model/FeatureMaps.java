package org.latentlens.core.model;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One resolution level of a generator's feature maps for one image: {@code channels} maps of {@code size} x
 * {@code size}, stored row by row with the channels innermost (as TensorFlow's NHWC holds them).
 *
 * @param size side of each map in pixels
 * @param channels number of maps
 * @param values {@code size * size * channels} values
 */
public record FeatureMaps(int size, int channels, float[] values) {
    /** Checks the length. */
    public FeatureMaps {
        if (size < 1 || channels < 1 || values.length != size * size * channels) {
            throw new IllegalArgumentException("feature maps of " + size + "x" + size + "x" + channels + " need "
                    + (long) size * size * channels + " values, not " + values.length);
        }
    }

    /** Map {@code channel} as {@code size * size} values, row by row. */
    public float[] map(int channel) {
        float[] out = new float[size * size];
        for (int p = 0; p < out.length; p++) {
            out[p] = values[p * channels + channel];
        }
        return out;
    }

    /** Mean absolute value of map {@code channel}: how strongly that channel responds to this image. */
    public double strength(int channel) {
        double sum = 0;
        for (int p = 0; p < size * size; p++) {
            sum += Math.abs(values[p * channels + channel]);
        }
        return sum / (size * size);
    }

    /** The {@code count} channels with the highest {@link #strength}, strongest first (ties: lower index first). */
    public List<Integer> strongest(int count) {
        double[] s = IntStream.range(0, channels).mapToDouble(this::strength).toArray();
        return IntStream.range(0, channels)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer c) -> -s[c]).thenComparingInt(c -> c))
                .limit(Math.max(0, count))
                .toList();
    }
}
