package org.latentlens.core.train;

import java.time.Duration;
import java.util.ArrayDeque;

/** Images per second over the last steps, and the time left at that pace. */
final class ThroughputMeter {
    private static final int WINDOW = 20;
    private final ArrayDeque<long[]> recent = new ArrayDeque<>();

    /** Records one step of {@code images} images that took {@code nanos}. */
    void add(int images, long nanos) {
        recent.addLast(new long[] {images, nanos});
        if (recent.size() > WINDOW) {
            recent.removeFirst();
        }
    }

    /** Images per second over the recorded window (0 before any step). */
    double imagesPerSecond() {
        long images = 0;
        long time = 0;
        for (long[] e : recent) {
            images += e[0];
            time += e[1];
        }
        return time > 0 ? images / (time / 1e9) : 0;
    }

    /** The time {@code stepsLeft} steps of {@code batchSize} images take at the recent pace. */
    Duration eta(long stepsLeft, int batchSize) {
        double ips = imagesPerSecond();
        double seconds = ips > 0 ? stepsLeft * (double) batchSize / ips : 0;
        return Duration.ofMillis((long) (seconds * 1000));
    }
}
