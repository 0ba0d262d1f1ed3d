package org.latentlens.tensorflow;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The process environment as native code sees it. Java's {@code System.getenv} is a copy taken at JVM start and
 * cannot be changed; native libraries such as TensorFlow read the C library's {@code environ}, which
 * {@code setenv(3)} changes (through JNA, which DJL already brings).
 */
final class NativeEnvironment {
    private NativeEnvironment() {}

    private interface C extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    private static final class Holder {
        private static final C LIBC = Native.load("c", C.class);
    }

    /**
     * Sets {@code name} to {@code value} unless it is already set; returns whether the variable now holds a value.
     * Call it before the library that reads the variable starts, and before other threads could read the
     * environment ({@code setenv} is not safe against concurrent {@code getenv}).
     */
    static boolean setDefault(String name, String value) {
        try {
            return Holder.LIBC.setenv(name, value, 0) == 0;
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            // No C library to call (not Linux, say): TensorFlow then just logs more.
            return false;
        }
    }

    /** The variable's value as native code sees it, or {@code null}. */
    static String get(String name) {
        return Holder.LIBC.getenv(name);
    }
}
