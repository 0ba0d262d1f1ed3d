package org.latentlens.core.data;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.latentlens.core.image.ImageConversion;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.ImageSpec;

/**
 * Decodes and preprocesses batches ahead of the consumer on a small pool of threads. At most
 * {@code prefetch} batches exist at once, so memory stays bounded whatever the dataset's size.
 * Unreadable entries are skipped and counted, never fatal.
 */
public final class BatchStream implements Iterator<Batch>, AutoCloseable {
    private final ImageDataset dataset;
    private final ImageSpec spec;
    private final int batchSize;
    private final IndexSource indices;
    private final ExecutorService pool;
    private final ArrayDeque<Future<Batch>> pending = new ArrayDeque<>();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong firstProblemSet = new AtomicLong();
    private volatile String firstProblem = "";

    private BatchStream(
            ImageDataset dataset, ImageSpec spec, int batchSize, IndexSource indices, int threads, int prefetch) {
        this.dataset = dataset;
        this.spec = spec;
        this.batchSize = batchSize;
        this.indices = indices;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "batch-decoder");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < prefetch && indices.hasMore(); i++) {
            submitNext();
        }
    }

    /** An endless stream in a fresh random order each epoch, decoded on {@code threads} threads. */
    public static BatchStream shuffled(ImageDataset dataset, ImageSpec spec, int batchSize, long seed, int threads) {
        return new BatchStream(
                dataset, spec, batchSize, new ShuffledIndices(dataset.size(), seed), threads, Math.max(2, 2 * threads));
    }

    /** One pass over the given entries in the given order. */
    public static BatchStream of(ImageDataset dataset, ImageSpec spec, int batchSize, int[] order, int threads) {
        return new BatchStream(dataset, spec, batchSize, new FixedIndices(order), threads, Math.max(2, 2 * threads));
    }

    /** Entries left out so far because they could not be decoded. */
    public long skipped() {
        return skipped.get();
    }

    /** The first decoding problem seen, for messages; empty when none. */
    public String firstProblem() {
        return firstProblem;
    }

    @Override
    public boolean hasNext() {
        return !pending.isEmpty();
    }

    @Override
    public Batch next() {
        if (pending.isEmpty()) {
            throw new NoSuchElementException();
        }
        Future<Batch> head = pending.poll();
        if (indices.hasMore()) {
            submitNext();
        }
        try {
            return head.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("decoding a batch failed: " + e.getCause(), e.getCause());
        }
    }

    private void submitNext() {
        int[] batch = new int[batchSize];
        int n = 0;
        while (n < batchSize && indices.hasMore()) {
            batch[n++] = indices.getAsInt();
        }
        int[] chosen = Arrays.copyOf(batch, n);
        pending.add(pool.submit(() -> decode(chosen)));
    }

    private Batch decode(int[] chosen) {
        List<float[]> images = new ArrayList<>(chosen.length);
        List<float[]> labels = new ArrayList<>(chosen.length);
        int[] kept = new int[chosen.length];
        int bad = 0;
        for (int index : chosen) {
            try {
                Sample s = dataset.load(index);
                images.add(ImageConversion.toModelInput(s.image(), spec));
                labels.add(s.labels());
                kept[images.size() - 1] = index;
            } catch (Exception e) {
                bad++;
                if (firstProblemSet.compareAndSet(0, 1)) {
                    firstProblem = e.getMessage();
                }
            }
        }
        skipped.addAndGet(bad);
        int a = dataset.attributes().size();
        float[] flatLabels = new float[labels.size() * a];
        for (int i = 0; i < labels.size(); i++) {
            System.arraycopy(labels.get(i), 0, flatLabels, i * a, Math.min(a, labels.get(i).length));
        }
        ImageBatch batch = images.isEmpty()
                ? new ImageBatch(0, spec.height(), spec.width(), spec.channels(), new float[0])
                : ImageBatch.of(images, spec.height(), spec.width(), spec.channels());
        return new Batch(batch, flatLabels, a, bad, Arrays.copyOf(kept, images.size()));
    }

    @Override
    public void close() {
        pool.shutdownNow();
        pending.clear();
    }

    private interface IndexSource extends IntSupplier {
        boolean hasMore();
    }

    private static final class FixedIndices implements IndexSource {
        private final int[] order;
        private int next;

        FixedIndices(int[] order) {
            this.order = order.clone();
        }

        @Override
        public boolean hasMore() {
            return next < order.length;
        }

        @Override
        public int getAsInt() {
            return order[next++];
        }
    }

    private static final class ShuffledIndices implements IndexSource {
        private final int[] order;
        private final long seed;
        private int epoch = -1;
        private int next;

        ShuffledIndices(int size, long seed) {
            if (size == 0) {
                throw new IllegalArgumentException("the dataset is empty");
            }
            this.order = new int[size];
            this.seed = seed;
            this.next = size;
        }

        @Override
        public boolean hasMore() {
            return true;
        }

        @Override
        public int getAsInt() {
            if (next == order.length) {
                epoch++;
                Random r = new Random(seed * 31 + epoch);
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                for (int i = order.length - 1; i > 0; i--) {
                    int j = r.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                next = 0;
            }
            return order[next++];
        }
    }
}
