package org.latentlens.core.model;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link GanModel} with fixed, cheap outputs for view-model tests that need no TensorFlow: images are flat grey
 * at the first code value, the encoder reads zeros, and the discriminator gives every image the score set last.
 */
public final class FakeGanModel implements GanModel {
    private final ModelManifest manifest;
    private final Set<ModelRole> roles;
    private volatile float realism;
    private volatile boolean closed;
    private volatile CountDownLatch encodeGate;

    /** A fake behind {@code manifest} (only its image size, latent size and attribute count are used). */
    public FakeGanModel(ModelManifest manifest) {
        this(manifest, EnumSet.of(ModelRole.GENERATE, ModelRole.ENCODE, ModelRole.DISCRIMINATE));
    }

    /** A fake that serves only {@code roles}; the others throw as a real model's would. */
    public FakeGanModel(ModelManifest manifest, Set<ModelRole> roles) {
        this.manifest = manifest;
        this.roles = EnumSet.copyOf(roles);
    }

    /** Whether {@link #close} was called. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean supports(ModelRole role) {
        return roles.contains(role);
    }

    /** The realism score every image gets from now on. */
    public void setRealism(float score) {
        realism = score;
    }

    @Override
    public ModelManifest manifest() {
        return manifest;
    }

    @Override
    public ImageBatch generate(FloatMatrix z) {
        ImageSpec s = manifest.image();
        float[] data = new float[z.rows() * s.pixelValues()];
        for (int i = 0; i < z.rows(); i++) {
            float grey = Math.max(s.minValue(), Math.min(s.maxValue(), z.get(i, 0) / 3));
            Arrays.fill(data, i * s.pixelValues(), (i + 1) * s.pixelValues(), grey);
        }
        return new ImageBatch(z.rows(), s.height(), s.width(), s.channels(), data);
    }

    /** Encoding waits until {@code gate} opens (tests of what shows while work is in flight); null: no wait. */
    public void holdEncodingUntil(CountDownLatch gate) {
        encodeGate = gate;
    }

    @Override
    public Encoding encode(ImageBatch images) {
        require(ModelRole.ENCODE);
        var gate = encodeGate;
        if (gate != null) {
            try {
                gate.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Encoding(zeros(images.count(), manifest.latent().size()), zeros(images.count(), attributes()));
    }

    @Override
    public Discrimination discriminate(ImageBatch images) {
        require(ModelRole.DISCRIMINATE);
        float[] scores = new float[images.count()];
        Arrays.fill(scores, realism);
        return new Discrimination(scores, zeros(images.count(), attributes()));
    }

    private void require(ModelRole role) {
        if (!roles.contains(role)) {
            throw new UnsupportedOperationException("the fake model has no " + role.key());
        }
    }

    @Override
    public SaliencyMaps saliency(ImageBatch images) {
        throw new UnsupportedOperationException("the fake model has no saliency signature");
    }

    @Override
    public void close() {
        closed = true;
    }

    private int attributes() {
        return manifest.attributes().size();
    }

    private static FloatMatrix zeros(int rows, int cols) {
        return new FloatMatrix(rows, cols, new float[rows * cols]);
    }
}
