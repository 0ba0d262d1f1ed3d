package org.latentlens.core.model;

import java.util.List;

/**
 * A row-major batch of vectors: latent codes, attribute logits.
 *
 * @param rows batch size
 * @param cols vector length
 * @param data {@code rows * cols} values, row after row
 */
public record FloatMatrix(int rows, int cols, float[] data) {
    /** Checks the size. */
    public FloatMatrix {
        if (rows < 0 || cols < 0 || data.length != rows * cols) {
            throw new IllegalArgumentException(
                    "matrix " + rows + "x" + cols + " cannot hold " + data.length + " values");
        }
    }

    /** A one-row matrix holding a copy of {@code row}. */
    public static FloatMatrix ofRow(float[] row) {
        return new FloatMatrix(1, row.length, row.clone());
    }

    /** Stacks rows of equal length. */
    public static FloatMatrix ofRows(List<float[]> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no rows");
        }
        int cols = rows.get(0).length;
        float[] data = new float[rows.size() * cols];
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).length != cols) {
                throw new IllegalArgumentException(
                        "row " + r + " has " + rows.get(r).length + " values, expected " + cols);
            }
            System.arraycopy(rows.get(r), 0, data, r * cols, cols);
        }
        return new FloatMatrix(rows.size(), cols, data);
    }

    /** A copy of one row. */
    public float[] row(int r) {
        float[] out = new float[cols];
        System.arraycopy(data, r * cols, out, 0, cols);
        return out;
    }

    public float get(int r, int c) {
        return data[r * cols + c];
    }
}
