package org.latentlens.ui.common;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Latest request wins: while one request is being computed, newer ones replace each other, and only the
 * newest is computed next. A burst of slider events therefore costs at most one computation in flight plus
 * one waiting, and the result shown is always for the newest position.
 *
 * @param <Q> request
 * @param <R> result
 */
public final class LatestWins<Q, R> {
    private final UiExecutor executor;
    private final Function<Q, R> compute;
    private final Consumer<R> apply;
    private final Consumer<Throwable> onError;
    private final AtomicReference<Q> pending = new AtomicReference<>();
    private final AtomicBoolean busy = new AtomicBoolean();

    /**
     * @param executor where to compute (background) and apply (UI thread)
     * @param compute the work, run off the UI thread
     * @param apply receives each result on the UI thread
     * @param onError receives failures on the UI thread
     */
    public LatestWins(UiExecutor executor, Function<Q, R> compute, Consumer<R> apply, Consumer<Throwable> onError) {
        this.executor = executor;
        this.compute = compute;
        this.apply = apply;
        this.onError = onError;
    }

    /** Asks for {@code request}; any older request not yet started is dropped. */
    public void submit(Q request) {
        pending.set(request);
        drain();
    }

    private void drain() {
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        Q next = pending.getAndSet(null);
        if (next == null) {
            busy.set(false);
            return;
        }
        executor.run(
                () -> compute.apply(next),
                result -> {
                    apply.accept(result);
                    finished();
                },
                error -> {
                    onError.accept(error);
                    finished();
                });
    }

    private void finished() {
        busy.set(false);
        if (pending.get() != null) {
            drain();
        }
    }
}
