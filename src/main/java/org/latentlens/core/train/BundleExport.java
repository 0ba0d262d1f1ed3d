package org.latentlens.core.train;

import java.io.IOException;

/** Writes a run's model bundle from a checkpoint (the engine's format lives with the engine). */
@FunctionalInterface
public interface BundleExport {
    /** Exports the weights of {@code checkpoint} into the run folder. */
    void write(Checkpoint checkpoint) throws IOException;
}
