package org.latentlens.ui.explore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.latentlens.core.model.GanModel;
import org.latentlens.ui.common.InteractiveActivity;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.UiExecutor;

/**
 * Replays a slider drag at a fixed event rate through the real {@link ExploreViewModel} (latest-wins
 * rendering on a worker, results applied on a single "UI" thread) and measures event-to-frame latency.
 * Runs without a display, so figures can be taken on any machine.
 */
public final class DragBenchmark {
    private DragBenchmark() {}

    /**
     * Results.
     *
     * @param events slider events sent
     * @param frames images applied
     * @param latenciesMillis event-to-frame latency of each applied frame, sorted
     * @param computeMillis render-job compute time of each frame, sorted
     */
    public record Result(int events, int frames, List<Double> latenciesMillis, List<Double> computeMillis) {
        public double percentile(List<Double> sorted, double p) {
            return sorted.isEmpty()
                    ? Double.NaN
                    : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
        }
    }

    /** Drags dimension {@code dim} from its minimum to its maximum in {@code events} steps at {@code hz}. */
    public static Result run(GanModel model, int dim, int events, double hz) throws InterruptedException {
        return run(model, dim, events, hz, new InteractiveActivity());
    }

    /**
     * As above, with every render marking {@code activity}, as the app's explorer marks its session's: a training
     * run waiting on it gives way to the drag.
     */
    public static Result run(GanModel model, int dim, int events, double hz, InteractiveActivity activity)
            throws InterruptedException {
        ExecutorService ui = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-ui"));
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-render"));
        UiExecutor executor = new UiExecutor() {
            @Override
            public <T> void run(Callable<T> work, Consumer<T> ok, Consumer<Throwable> err) {
                worker.execute(() -> {
                    try {
                        T r = work.call();
                        ui.execute(() -> ok.accept(r));
                    } catch (Exception e) {
                        ui.execute(() -> err.accept(e));
                    }
                });
            }

            @Override
            public void onUiThread(Runnable action) {
                ui.execute(action);
            }
        };
        // The caller owns the model: this session is dropped, never closed. Frames compute what the app's default
        // view needs (the Inspect panel showing, the saliency overlay off).
        ModelSession session = new ModelSession(activity);
        ExploreViewModel vm = new ExploreViewModel(executor, session);
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Double> compute = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch ready = new CountDownLatch(1);
        CountDownLatch lastShown = new CountDownLatch(1);
        AtomicLong lastEventNanos = new AtomicLong(Long.MAX_VALUE);
        ui.execute(() -> {
            session.open(model);
            vm.renderProperty().addListener((o, was, now) -> {
                if (now != null) {
                    latencies.add((System.nanoTime() - now.requestedNanos()) / 1e6);
                    compute.add(now.computeMillis());
                    if (now.requestedNanos() >= lastEventNanos.get()) {
                        lastShown.countDown();
                    }
                }
            });
            ready.countDown();
        });
        ready.await();
        // Warm up the session so the first frame's one-off costs do not count.
        for (int i = 0; i < 5; i++) {
            final double v = -1 + i * 0.1;
            ui.execute(() -> vm.dimensions().get(dim).valueProperty().set(v));
        }
        Thread.sleep(2000);
        latencies.clear();
        compute.clear();
        var d = model.manifest().latent().get(dim);
        long periodNanos = (long) (1e9 / hz);
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            final double v = d.min() + (d.max() - d.min()) * i / (events - 1.0);
            long due = start + i * periodNanos;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            boolean last = i == events - 1;
            ui.execute(() -> {
                if (last) {
                    lastEventNanos.set(System.nanoTime());
                }
                vm.dimensions().get(dim).valueProperty().set(v);
            });
        }
        // Until the last position is on screen (on a loaded machine that can take seconds), so no frame is cut off.
        lastShown.await(60, TimeUnit.SECONDS);
        ui.shutdown();
        ui.awaitTermination(10, TimeUnit.SECONDS);
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
        List<Double> l = new ArrayList<>(latencies);
        List<Double> c = new ArrayList<>(compute);
        Collections.sort(l);
        Collections.sort(c);
        return new Result(events, l.size(), l, c);
    }
}
