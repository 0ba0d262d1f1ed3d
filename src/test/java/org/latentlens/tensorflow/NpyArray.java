package org.latentlens.tensorflow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A float32 array read from or written to a NumPy {@code .npy} file (format 1.0 or 2.0, little-endian {@code <f4},
 * C order): what {@code numpy.save} writes for a float32 array and {@code numpy.load} reads.
 *
 * @param shape the array's shape
 * @param data its values in C order
 */
public record NpyArray(int[] shape, float[] data) {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    /** Reads {@code file}; fails on anything but a C-order little-endian float32 array. */
    public static NpyArray read(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        bytes.get(magic);
        if (!Arrays.equals(magic, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'})) {
            throw new IOException(file + " is not a .npy file");
        }
        int major = bytes.get();
        bytes.get(); // minor version
        int headerLength = major == 1 ? Short.toUnsignedInt(bytes.getShort()) : bytes.getInt();
        byte[] headerBytes = new byte[headerLength];
        bytes.get(headerBytes);
        String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
        if (!"<f4".equals(find(DESCR, header, file)) || !"False".equals(find(FORTRAN, header, file))) {
            throw new IOException(file + " is not a C-order little-endian float32 array: " + header.strip());
        }
        int[] shape = Arrays.stream(find(SHAPE, header, file).split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt)
                .toArray();
        float[] data = new float[Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        bytes.asFloatBuffer().get(data);
        return new NpyArray(shape, data);
    }

    /** Writes {@code data} with {@code shape} as a format 1.0 {@code .npy} file. */
    static void write(Path file, float[] data, int... shape) throws IOException {
        String dims = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        String dict =
                "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + (shape.length == 1 ? ",), }" : "), }");
        // The header, with its 10-byte prefix, is padded with spaces to a multiple of 64 and ends in a newline.
        int padded = (10 + dict.length() + 1 + 63) / 64 * 64 - 10;
        String header = dict + " ".repeat(padded - dict.length() - 1) + "\n";
        ByteBuffer out = ByteBuffer.allocate(10 + padded + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) padded);
        out.put(header.getBytes(StandardCharsets.ISO_8859_1));
        out.asFloatBuffer().put(data);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, out.array());
    }

    private static String find(Pattern pattern, String header, Path file) throws IOException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new IOException(file + " has an unexpected .npy header: " + header.strip());
        }
        return m.group(1);
    }
}
