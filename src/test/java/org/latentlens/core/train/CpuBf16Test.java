package org.latentlens.core.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuBf16Test {
    @TempDir
    Path tmp;

    @Test
    void readsTheFlagsLineOnly() {
        assertTrue(CpuBf16.hasBf16(List.of("model name\t: AMD EPYC", "flags\t\t: fpu avx2 avx512f avx512_bf16 gfni")));
        assertTrue(CpuBf16.hasBf16(List.of("flags\t: sse4_2 amx_tile amx_bf16 amx_int8")));
        assertFalse(CpuBf16.hasBf16(List.of("flags\t\t: fpu avx2 avx512f avx512_vnni")), "AVX-512 without BF16");
        assertFalse(
                CpuBf16.hasBf16(List.of("bugs\t\t: avx512_bf16", "flags\t\t: fpu avx2")),
                "a flag's name elsewhere in the file does not count");
        assertFalse(CpuBf16.hasBf16(List.of("flags\t\t: avx512_bf16x")), "whole flag names only");
    }

    @Test
    void aFileThatCannotBeReadMeansNo() throws Exception {
        assertFalse(CpuBf16.readFrom(tmp.resolve("missing")));
        Path cpuinfo = tmp.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nflags\t\t: fpu avx512_bf16\n\nprocessor\t: 1\n");
        assertTrue(CpuBf16.readFrom(cpuinfo));
    }
}
