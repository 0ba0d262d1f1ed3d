package org.latentlens.ui;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.latentlens.core.faces.FaceFinder;
import org.latentlens.tensorflow.DjlModelLoader;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.UiExecutor;
import org.latentlens.ui.encode.EncodeViewModel;
import org.latentlens.ui.explore.DimensionState;
import org.latentlens.ui.explore.ExploreViewModel;
import org.latentlens.ui.inspect.InspectViewModel;

/**
 * A child process for {@link RenderSoakTest}: the app's view models (explore, encode, inspect) on one session,
 * driven by slider moves and encodes, printing its resident memory as it goes.
 *
 * <p>Arguments: bundle folder, slider renders, encodes, warm-up renders. Output lines: {@code live KB} (heap in use
 * after a full collection) and {@code rss DONE KB HEAP_KB GCS} (resident, committed heap, collections so far) after
 * the warm-up ({@code DONE} = 0), {@code rss ...} every 1,000 renders, then {@code done SECONDS} and {@code live KB}.
 */
public final class RenderSoakProcess {
    private RenderSoakProcess() {}

    public static void main(String[] args) throws Exception {
        Path bundle = Path.of(args[0]);
        int renders = Integer.parseInt(args[1]);
        int encodes = Integer.parseInt(args[2]);
        int warmUp = Integer.parseInt(args[3]);
        ModelSession session = new ModelSession();
        ExploreViewModel explore = new ExploreViewModel(UiExecutor.direct(), session);
        EncodeViewModel encode = new EncodeViewModel(
                UiExecutor.direct(), session, FaceFinder.unavailable("the soak encodes whole pictures"));
        InspectViewModel inspect = new InspectViewModel(session);
        session.open(new DjlModelLoader().load(bundle));
        List<BufferedImage> pictures = pictures();
        Random random = new Random(1);
        drive(explore, encode, pictures, random, warmUp, Math.max(1, warmUp * encodes / Math.max(1, renders)), 0);
        System.out.println("live " + liveHeapKb());
        System.out.println("rss 0 " + residentKb() + " " + committedHeapKb() + " " + collections());
        long t0 = System.nanoTime();
        drive(explore, encode, pictures, random, renders, encodes, 1000);
        System.out.printf("done %.1f%n", (System.nanoTime() - t0) / 1e9);
        System.out.println("live " + liveHeapKb());
        if (!explore.errorProperty().get().isEmpty()
                || !encode.errorProperty().get().isEmpty()
                || Double.isNaN(inspect.realismProperty().get())) {
            throw new IllegalStateException("the view models reported a failure: "
                    + explore.errorProperty().get() + encode.errorProperty().get());
        }
        session.close();
        System.exit(0); // DJL and TensorFlow keep non-daemon threads
    }

    /**
     * Moves slider after slider to random positions ({@code renders} frames), encoding a picture every so often
     * (each encode moves the sliders, which renders once more); prints memory every {@code every} renders.
     */
    private static void drive(
            ExploreViewModel explore,
            EncodeViewModel encode,
            List<BufferedImage> pictures,
            Random random,
            int renders,
            int encodes,
            int every)
            throws Exception {
        int encodeEvery = Math.max(1, renders / Math.max(1, encodes));
        int encoded = 0;
        for (int i = 1; i <= renders; i++) {
            DimensionState slider =
                    explore.dimensions().get(i % explore.dimensions().size());
            var d = slider.dimension();
            slider.valueProperty().set(d.min() + (d.max() - d.min()) * random.nextDouble());
            if (i % encodeEvery == 0 && encoded < encodes) {
                encode.encode(pictures.get(encoded++ % pictures.size()));
            }
            if (every > 0 && i % every == 0) {
                System.out.println("rss " + i + " " + residentKb() + " " + committedHeapKb() + " " + collections());
            }
        }
    }

    /** Pictures of several sizes and shapes, so encoding crops, shrinks and enlarges. */
    private static List<BufferedImage> pictures() {
        Random r = new Random(7);
        List<BufferedImage> out = new ArrayList<>();
        for (int[] size : new int[][] {{40, 30}, {12, 12}, {100, 160}, {16, 16}, {333, 251}}) {
            BufferedImage image = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(r.nextInt(0xffffff)));
            g.fillRect(0, 0, size[0], size[1]);
            g.setColor(new Color(r.nextInt(0xffffff)));
            g.fillOval(size[0] / 4, size[1] / 4, size[0] / 2, size[1] / 2);
            g.dispose();
            out.add(image);
        }
        return out;
    }

    static long residentKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /** Garbage collections so far, all collectors. */
    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .sum();
    }

    /** What the heap holds after a full collection: the data the session keeps, without its garbage. */
    private static long liveHeapKb() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) / 1024;
    }

    private static long committedHeapKb() {
        return Runtime.getRuntime().totalMemory() / 1024;
    }
}
