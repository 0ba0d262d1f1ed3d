package org.latentlens.core.train;

import java.nio.file.Path;

/** A child process for {@link CheckpointStoreTest}: writes 8 MB checkpoints in a loop until killed. */
public final class CheckpointWriterProcess {
    private CheckpointWriterProcess() {}

    public static void main(String[] args) throws Exception {
        CheckpointStore store = new CheckpointStore(Path.of(args[0]));
        for (long step = 1; step < 10_000; step++) {
            store.save(CheckpointStoreTest.checkpoint(step, 2_000_000));
        }
    }
}
