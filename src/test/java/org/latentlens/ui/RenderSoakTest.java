package org.latentlens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.tensorflow.TinyBundles;

/**
 * Resident memory, Java heap included, stays flat over a long session: 20,000 slider renders and 1,000 encodes
 * through the app's view models on a tiny model, in a child JVM started with the launcher's own heap settings.
 *
 * <p>Resident memory is the committed heap plus everything else. Everything else must stay flat; what the heap holds
 * must stay flat; the heap's size is the collector's to choose below the launcher's {@code -Xmx}. So resident
 * memory stays under what lived outside the heap after the warm-up, plus {@link #MAX_NATIVE_GROWTH_KB}, plus
 * {@code -Xmx}, however long the session.
 */
class RenderSoakTest {
    static final int RENDERS = 20_000;
    static final int ENCODES = 1_000;
    /** Renders before the baseline: the JIT and TensorFlow's kernels settle within the first 2,000. */
    static final int WARM_UP_RENDERS = 3_000;
    /**
     * Allowed growth of resident memory outside the committed heap (native tensors, TensorFlow, the C allocator, the
     * code cache, the collector's own tables) after the warm-up. One frame's tensors come to about 10 KB at 16 px
     * (3 KB per image copy: generate's output, the encoder's and the discriminator's inputs), so keeping one image copy
     * per frame would add 60 MB. Measured on 2 busy cores with the launcher's options: 1-16 MB, the most when the heap
     * grew most (G1's tables take about 2% of the heap: 20 MB if it grew to its 1 GB ceiling).
     */
    static final long MAX_NATIVE_GROWTH_KB = 48 * 1024;
    /**
     * Allowed growth of what the heap holds after a full collection. The committed heap itself is the collector's to
     * size up to {@code -Xmx} (it grew by 0-142 MB in different runs, by how much CPU the collector got), so a heap
     * leak is looked for in the live data: 16 MB is 0.8 KB per frame, less than one frame's picture and pixels.
     */
    static final long MAX_LIVE_HEAP_GROWTH_KB = 16 * 1024;

    private static final Pattern RSS = Pattern.compile("rss (\\d+) (\\d+) (\\d+) (\\d+)");
    private static final Pattern LIVE = Pattern.compile("(?m)^live (\\d+)$");

    @TempDir
    Path tmp;

    @Test
    void twentyThousandRendersAndAThousandEncodesKeepResidentMemoryFlat() throws Exception {
        Path bundle = TinyBundles.write(tmp.resolve("tiny"), 5);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launcherJavaOptions());
        // Touching the committed heap up front makes resident memory count all of it from the start, so growth is what
        // the run adds (a bigger heap, native memory) rather than the first touch of pages the heap already had.
        command.add("-XX:+AlwaysPreTouch");
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                RenderSoakProcess.class.getName(),
                bundle.toString(),
                String.valueOf(RENDERS),
                String.valueOf(ENCODES),
                String.valueOf(WARM_UP_RENDERS)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
        Process child = builder.start();
        List<long[]> samples = new ArrayList<>();
        StringBuilder output = new StringBuilder();
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                output.append(line).append('\n');
                Matcher m = RSS.matcher(line);
                if (m.matches()) {
                    samples.add(new long[] {
                        Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))
                    });
                }
            }
        } finally {
            if (!child.waitFor(5, TimeUnit.MINUTES)) {
                child.destroyForcibly();
            }
        }
        assertEquals(0, child.exitValue(), output.toString());
        assertEquals(RENDERS / 1000 + 1, samples.size(), output.toString());
        long base = samples.get(0)[1];
        long max = samples.stream().mapToLong(s -> s[1]).max().orElseThrow();
        // With the heap pre-touched, resident memory minus the committed heap is what lives outside the heap.
        long nativeBase = base - samples.get(0)[2];
        long nativeMax = samples.stream().mapToLong(s -> s[1] - s[2]).max().orElseThrow();
        List<Long> live = LIVE.matcher(output)
                .results()
                .map(m -> Long.parseLong(m.group(1)))
                .toList();
        assertEquals(2, live.size(), output.toString());
        System.out.printf(
                "Soak (%s): %d renders + %d encodes; resident after warm-up %d MB, at most %d MB after; "
                        + "outside the heap %d -> at most %d MB; heap committed %d -> %d MB, live %d -> %d MB; %s",
                String.join(" ", launcherJavaOptions()),
                RENDERS,
                ENCODES,
                base >> 10,
                max >> 10,
                nativeBase >> 10,
                nativeMax >> 10,
                samples.get(0)[2] >> 10,
                samples.get(samples.size() - 1)[2] >> 10,
                live.get(0) >> 10,
                live.get(1) >> 10,
                output.substring(output.lastIndexOf("done")));
        assertTrue(
                nativeMax - nativeBase < MAX_NATIVE_GROWTH_KB,
                "memory outside the heap grew by " + ((nativeMax - nativeBase) >> 10) + " MB: " + output);
        assertTrue(
                live.get(1) - live.get(0) < MAX_LIVE_HEAP_GROWTH_KB,
                "the live heap grew by " + ((live.get(1) - live.get(0)) >> 10) + " MB: " + output);
    }

    @Test
    void thePackagedAppStartsWithTheLaunchersMemoryOptions() throws Exception {
        String options = String.join(" ", launcherJavaOptions());
        assertTrue(
                Files.readString(Path.of("pom.xml")).contains("<arg value=\"" + options + " -Dlatentlens.home="),
                "pom.xml's jpackage --java-options should start with the launcher's " + options);
    }

    /** The JVM options packaging/latent-lens starts the app with, so the test holds what users run. */
    static List<String> launcherJavaOptions() throws Exception {
        String script = Files.readString(Path.of("packaging", "latent-lens"));
        Matcher m = Pattern.compile("\\$\\{LATENT_LENS_JAVA_OPTS:-([^}]*)}").matcher(script);
        assertTrue(m.find(), "packaging/latent-lens sets no default LATENT_LENS_JAVA_OPTS");
        return Arrays.asList(m.group(1).trim().split("\\s+"));
    }
}
