package org.latentlens.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.latentlens.core.data.synthetic.FaceFactors;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.train.ModelTrainer;
import org.latentlens.core.train.TrainingConfig;
import org.latentlens.core.train.TrainingListener;
import org.latentlens.core.train.TrainingProgress;
import org.latentlens.ui.common.InteractiveActivity;
import org.latentlens.ui.explore.DragBenchmark;

/**
 * {@code bench --drag-while-training}: slider-to-frame latency while a training run goes on in the same process (as
 * in the app: synthetic data, 64 px, default widths, on a background thread), with training's pacing off and on in
 * alternated rounds so that drift in the machine's load falls on both. With pacing on, training waits before each
 * step until the drag has been quiet ({@link InteractiveActivity#awaitTurn}), as the app's Train tab does.
 */
final class DragWhileTraining {
    private static final int EVENTS = 240;
    private static final double HZ = 60;

    private final PrintWriter out;
    private final ModelTrainer trainer;
    private final int rounds;

    DragWhileTraining(PrintWriter out, ModelTrainer trainer, int rounds) {
        this.out = out;
        this.trainer = trainer;
        this.rounds = rounds;
    }

    /** One pacing setting's drags pooled: latencies (sorted), frames, events, and training steps in wall time. */
    private static final class Phase {
        final List<Double> latencies = new ArrayList<>();
        int frames;
        int events;
        long steps;
        double seconds;

        void add(DragBenchmark.Result r, long stepsTaken, double wallSeconds) {
            latencies.addAll(r.latenciesMillis());
            Collections.sort(latencies);
            frames += r.frames();
            events += r.events();
            steps += stepsTaken;
            seconds += wallSeconds;
        }

        double percentile(double p) {
            return latencies.isEmpty()
                    ? Double.NaN
                    : latencies.get((int) Math.min(latencies.size() - 1, Math.floor(p * latencies.size())));
        }
    }

    void run(GanModel model, int dim) throws Exception {
        Path tmp = Files.createTempDirectory("bench-drag-train");
        AtomicBoolean cancel = new AtomicBoolean();
        AtomicBoolean pacing = new AtomicBoolean();
        AtomicLong steps = new AtomicLong();
        CountDownLatch warm = new CountDownLatch(2);
        AtomicReference<Exception> failure = new AtomicReference<>();
        InteractiveActivity activity = new InteractiveActivity();
        TrainingConfig config = TrainingConfig.defaults("synthetic", 64, FaceFactors.ATTRIBUTES, 1_000_000);
        Thread training = new Thread(
                () -> {
                    try {
                        trainer.train(
                                config,
                                tmp,
                                false,
                                new TrainingListener() {
                                    @Override
                                    public void awaitTurn() {
                                        if (pacing.get()) {
                                            activity.awaitTurn(cancel::get);
                                        }
                                    }

                                    @Override
                                    public void onProgress(TrainingProgress p) {
                                        steps.incrementAndGet();
                                        warm.countDown();
                                    }
                                },
                                cancel::get);
                    } catch (Exception e) {
                        failure.set(e);
                    } finally {
                        // A run that failed before its second step must not leave the bench waiting.
                        while (warm.getCount() > 0) {
                            warm.countDown();
                        }
                    }
                },
                "trainer");
        training.setDaemon(true);
        training.start();
        Phase off = new Phase();
        Phase on = new Phase();
        try {
            // The first step builds the graph; measure from the second on.
            warm.await();
            if (failure.get() != null) {
                throw failure.get();
            }
            for (int round = 0; round < rounds; round++) {
                for (boolean paced : new boolean[] {false, true}) {
                    pacing.set(paced);
                    long s0 = steps.get();
                    long t0 = System.nanoTime();
                    DragBenchmark.Result r = DragBenchmark.run(model, dim, EVENTS, HZ, activity);
                    (paced ? on : off).add(r, steps.get() - s0, (System.nanoTime() - t0) / 1e9);
                }
            }
        } finally {
            cancel.set(true);
            training.join(TimeUnit.MINUTES.toMillis(5));
            BenchCommand.deleteQuietly(tmp);
        }
        out.printf(
                Locale.ROOT,
                "Slider drag while training (synthetic, 64 px, %d channels, batch %d, same process), "
                        + "%d alternated rounds of %d events at %.0f/s:%n",
                config.baseChannels(),
                config.batchSize(),
                rounds,
                EVENTS,
                HZ);
        print("training does not wait (pacing off)", off);
        print("training waits for quiet (pacing on)", on);
    }

    private void print(String what, Phase p) {
        out.printf(
                Locale.ROOT,
                "  %-38s median %.1f ms, 95th %.1f ms, max %.1f ms (%d of %d frames); training " + "%.2f steps/s%n",
                what,
                p.percentile(0.5),
                p.percentile(0.95),
                p.percentile(1),
                p.frames,
                p.events,
                p.steps / p.seconds);
    }
}
