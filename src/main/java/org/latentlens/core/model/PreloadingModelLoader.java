package org.latentlens.core.model;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.latentlens.core.directions.LatentProjection;

/**
 * A loader that can start loading one model early, before anyone asks for it: the app starts loading the model it
 * will open while JavaFX starts and the window is built, which at start-up run at the same time instead of one
 * after the other. The first {@link #load} of that folder with the same options gets the early model (or its
 * error); every other call goes to the wrapped loader.
 */
public final class PreloadingModelLoader implements ModelLoader {
    private final ModelLoader loader;
    private Path earlyDir;
    private LoadOptions earlyOptions;
    private CompletableFuture<GanModel> early;

    /** Wraps {@code loader}. */
    public PreloadingModelLoader(ModelLoader loader) {
        this.loader = loader;
    }

    /** Starts loading {@code dir} with {@code options} on a background thread of its own. */
    public void preload(Path dir, LoadOptions options) {
        preload(dir, options, m -> {});
    }

    /**
     * Starts loading {@code dir} with {@code options} on a background thread of its own, then runs {@code warm} on
     * the model there (first calls of a signature pay for setting it up; made early, they cost the user nothing).
     * A failure of {@code warm} is ignored: the model is handed over and fails, if at all, where it is used.
     */
    public synchronized void preload(Path dir, LoadOptions options, Consumer<GanModel> warm) {
        earlyDir = dir;
        earlyOptions = options;
        early = new CompletableFuture<>();
        CompletableFuture<GanModel> f = early;
        Thread t = new Thread(
                () -> {
                    try {
                        GanModel m = loader.load(dir, options);
                        try {
                            warm.accept(m);
                        } catch (RuntimeException ignored) {
                            // Warming is an optimisation only.
                        }
                        f.complete(m);
                    } catch (Throwable e) {
                        f.completeExceptionally(e);
                    }
                },
                "model-preload");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public GanModel load(Path bundleDir) throws ModelBundleException {
        return load(bundleDir, LoadOptions.UNTRUSTED);
    }

    @Override
    public GanModel load(Path bundleDir, LoadOptions options) throws ModelBundleException {
        CompletableFuture<GanModel> f = take(bundleDir, options);
        if (f == null) {
            return loader.load(bundleDir, options);
        }
        try {
            return f.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ModelBundleException m) {
                throw m;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new ModelBundleException("Loading " + bundleDir + " failed: " + cause.getMessage(), cause);
        }
    }

    private synchronized CompletableFuture<GanModel> take(Path dir, LoadOptions options) {
        if (early == null || !dir.equals(earlyDir) || !options.equals(earlyOptions)) {
            return null;
        }
        CompletableFuture<GanModel> f = early;
        early = null;
        return f;
    }

    @Override
    public Optional<OperationReport> scanOperations(Path bundleDir) throws ModelBundleException {
        return loader.scanOperations(bundleDir);
    }

    @Override
    public Optional<LatentProjection> latentProjection(Path bundleDir) throws ModelBundleException {
        return loader.latentProjection(bundleDir);
    }
}
