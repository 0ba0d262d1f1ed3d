package org.latentlens.ui.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs work off the UI thread and hands the result back on it. View models depend on this interface so
 * their tests can run everything on the calling thread ({@link #direct()}).
 */
public interface UiExecutor {
    /** Runs {@code work} in the background; {@code onSuccess} or {@code onError} then runs on the UI thread. */
    <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError);

    /** Runs {@code action} on the UI thread (now if already there). */
    void onUiThread(Runnable action);

    /** Everything on the calling thread, at once: for view-model tests. */
    static UiExecutor direct() {
        return new UiExecutor() {
            @Override
            public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError) {
                T result;
                try {
                    result = work.call();
                } catch (Exception | LinkageError e) {
                    onError.accept(e);
                    return;
                }
                onSuccess.accept(result);
            }

            @Override
            public void onUiThread(Runnable action) {
                action.run();
            }
        };
    }
}
