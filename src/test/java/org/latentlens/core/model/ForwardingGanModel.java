package org.latentlens.core.model;

/**
 * A test model that forwards {@link GanModel}'s abstract calls to another model, so that a test double overrides
 * only what it changes. The interface's default methods are not forwarded: they run on this model, so that what a
 * subclass changes (say, {@link #supports}) is what they see.
 */
public abstract class ForwardingGanModel implements GanModel {
    private final GanModel delegate;

    /** Forwards to {@code delegate}. */
    protected ForwardingGanModel(GanModel delegate) {
        this.delegate = delegate;
    }

    /** The model calls go to. */
    protected GanModel delegate() {
        return delegate;
    }

    @Override
    public ModelManifest manifest() {
        return delegate.manifest();
    }

    @Override
    public boolean supports(ModelRole role) {
        return delegate.supports(role);
    }

    @Override
    public ImageBatch generate(FloatMatrix z) {
        return delegate.generate(z);
    }

    @Override
    public Encoding encode(ImageBatch images) {
        return delegate.encode(images);
    }

    @Override
    public Discrimination discriminate(ImageBatch images) {
        return delegate.discriminate(images);
    }

    @Override
    public SaliencyMaps saliency(ImageBatch images) {
        return delegate.saliency(images);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
