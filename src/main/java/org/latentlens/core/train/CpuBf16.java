package org.latentlens.core.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Whether this CPU multiplies bfloat16 in hardware ({@code avx512_bf16} or AMX's {@code amx_bf16}), which is when
 * {@code train --bf16} is faster: elsewhere the same arithmetic is emulated and slower. Read from the kernel's CPU
 * flags, so the answer is "no" where they cannot be read (not Linux).
 */
public final class CpuBf16 {
    /** The flags that mean hardware bfloat16 dot products. */
    static final Set<String> FLAGS = Set.of("avx512_bf16", "amx_bf16");

    private static final boolean AVAILABLE = readFrom(Path.of("/proc/cpuinfo"));

    private CpuBf16() {}

    /** Whether this machine's CPU has hardware bfloat16. */
    public static boolean available() {
        return AVAILABLE;
    }

    /** Whether the {@code flags} line of a {@code /proc/cpuinfo}-format file names a bfloat16 flag. */
    static boolean readFrom(Path cpuinfo) {
        try {
            return hasBf16(Files.readAllLines(cpuinfo));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether a line that starts with {@code flags} names a bfloat16 flag. */
    static boolean hasBf16(List<String> cpuinfoLines) {
        for (String line : cpuinfoLines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("flags")) {
                return Arrays.stream(line.substring(colon + 1).trim().split("\\s+"))
                        .anyMatch(FLAGS::contains);
            }
        }
        return false;
    }
}
