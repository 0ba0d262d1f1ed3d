package org.latentlens.ui.common;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;

/**
 * Measures the app's cold start: the time from the JVM's start to the first face on screen, printed when the
 * system property {@value #PROPERTY} is set ({@code print}, or {@code exit} to quit right after, for scripted
 * measurements such as {@code JAVA_TOOL_OPTIONS=-Dlatentlens.firstFace=exit latent-lens}). Off by default.
 */
public final class FirstFaceTimer implements ChangeListener<RenderResult> {
    static final String PROPERTY = "latentlens.firstFace";
    private final String mode;
    private boolean done;

    private FirstFaceTimer(String mode) {
        this.mode = mode;
    }

    private static final Set<String> MARKED = ConcurrentHashMap.newKeySet();

    /** Prints how long after the JVM's start {@code stage} was first reached, when the property asks for timings. */
    public static void mark(String stage) {
        if (!MARKED.add(stage)) {
            return;
        }
        String mode = System.getProperty(PROPERTY, "");
        if (mode.equals("print") || mode.equals("exit")) {
            System.err.printf(Locale.ROOT, "  %6d ms  %s%n", sinceJvmStart(), stage);
        }
    }

    private static long sinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /** Watches {@code render} for its first face when the property asks for it. */
    public static void watch(ObservableValue<RenderResult> render) {
        String mode = System.getProperty(PROPERTY, "");
        if (mode.equals("print") || mode.equals("exit")) {
            render.addListener(new FirstFaceTimer(mode));
        }
    }

    @Override
    public void changed(ObservableValue<? extends RenderResult> value, RenderResult old, RenderResult now) {
        if (done || now == null) {
            return;
        }
        done = true;
        // The face is in the scene now; it is on screen after the next pulse, so measure there.
        Platform.runLater(() -> {
            long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
            long shown = System.currentTimeMillis();
            System.err.printf(
                    Locale.ROOT,
                    "First face shown %d ms after the JVM started (epoch ms %d)%n",
                    shown - jvmStart,
                    shown);
            if (mode.equals("exit")) {
                Platform.exit();
                System.exit(0);
            }
        });
    }
}
