package org.latentlens.cli;

import sun.misc.Signal;

/** Routes Ctrl+C and SIGTERM to a callback instead of starting JVM shutdown. */
final class StopSignals {
    private StopSignals() {}

    static void install(Runnable onStop) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), s -> onStop.run());
            } catch (IllegalArgumentException unsupported) {
                // The platform lacks this signal (or the JVM reserves it); the default behaviour stays.
            }
        }
    }
}
