package org.latentlens.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A folder in the CelebA layout: images plus an attribute file whose first line is the image count,
 * second line the attribute names, then {@code file v1 v2 ...} rows with values 1 or -1 separated by runs
 * of spaces. CRLF and LF line ends are both accepted.
 *
 * <p>Only the index (file names and one byte per label) is held in memory: the real CelebA file of
 * 202,599 rows and 40 attributes costs about 12 MB. Bad rows are reported and left out, never fatal.
 */
public final class CelebaDataset implements ImageDataset {
    private static final List<String> ATTRIBUTE_FILES = List.of("list_attr_celeba.txt", "list_attr.txt");
    private static final List<String> IMAGE_FOLDERS = List.of("images", "img_align_celeba", "img_celeba");
    /** More attribute columns than any real dataset has (CelebA: 40); beyond it a file is refused, not read. */
    public static final int MAX_ATTRIBUTES = 1_000;
    /** More rows than any dataset this tool trains on (CelebA: 202,599); rows beyond it are not read. */
    public static final int MAX_ROWS = 5_000_000;

    private final Path root;
    private final Path imageDir;
    private final List<String> attributes;
    private final String[] files;
    private final byte[] labels;
    private final List<String> problems;

    private CelebaDataset(
            Path root, Path imageDir, List<String> attributes, String[] files, byte[] labels, List<String> problems) {
        this.root = root;
        this.imageDir = imageDir;
        this.attributes = attributes;
        this.files = files;
        this.labels = labels;
        this.problems = problems;
    }

    /**
     * Opens {@code path}: a folder holding {@code list_attr_celeba.txt} or {@code list_attr.txt} (images in
     * {@code images/}, {@code img_align_celeba/} or beside the file), or the attribute file itself.
     *
     * @throws DatasetException when no attribute file is found or its header is unusable
     */
    public static CelebaDataset open(Path path) throws DatasetException {
        return open(path, null);
    }

    /** As {@link #open(Path)}, with the image-exists check replaceable (tests of index scale). */
    static CelebaDataset open(Path path, Predicate<Path> imageExists) throws DatasetException {
        Path attrFile = findAttributeFile(path);
        Path folder = attrFile.toAbsolutePath().getParent();
        Path imageDir = IMAGE_FOLDERS.stream()
                .map(folder::resolve)
                .filter(Files::isDirectory)
                .findFirst()
                .orElse(folder);
        try (BufferedReader in = Files.newBufferedReader(attrFile, StandardCharsets.UTF_8)) {
            return parse(in, attrFile, folder, imageDir, imageExists == null ? Files::isRegularFile : imageExists);
        } catch (CharacterCodingException e) {
            throw new DatasetException(
                    attrFile + " is not UTF-8 text (it may be UTF-16 or Latin-1). Save it as UTF-8 or "
                            + "plain ASCII, as CelebA's list_attr_celeba.txt is.",
                    e);
        } catch (IOException e) {
            throw new DatasetException("Cannot read " + attrFile + ": " + e.getMessage(), e);
        }
    }

    private static Path findAttributeFile(Path path) throws DatasetException {
        if (Files.isRegularFile(path)) {
            return path;
        }
        if (!Files.isDirectory(path)) {
            throw new DatasetException("There is no file or folder at " + path + ".");
        }
        for (String name : ATTRIBUTE_FILES) {
            if (Files.isRegularFile(path.resolve(name))) {
                return path.resolve(name);
            }
        }
        throw new DatasetException(path + " has no attribute file (" + String.join(" or ", ATTRIBUTE_FILES)
                + "). For unlabelled images use folder:" + path + " instead.");
    }

    private static CelebaDataset parse(
            BufferedReader in, Path attrFile, Path folder, Path imageDir, Predicate<Path> imageExists)
            throws IOException, DatasetException {
        String countLine = stripBom(in.readLine());
        String namesLine = in.readLine();
        if (countLine == null || namesLine == null) {
            throw new DatasetException(attrFile + " is too short: it needs a count line and an attribute-name line.");
        }
        long declared;
        try {
            declared = Long.parseLong(countLine.trim());
        } catch (NumberFormatException e) {
            throw new DatasetException(attrFile + ": line 1 should be the image count (a whole number), found '"
                    + shorten(countLine) + "'.");
        }
        if (declared < 0) {
            throw new DatasetException(attrFile + ": line 1 says " + declared + " images; a count cannot be negative.");
        }
        if (namesLine.isBlank()) {
            throw new DatasetException(attrFile + ": line 2 should name the attributes (for example '5_o_Clock_Shadow "
                    + "Arched_Eyebrows ...'), but it is empty. For unlabelled images use folder: data instead.");
        }
        List<String> attributes = List.of(namesLine.trim().split("\\s+"));
        int a = attributes.size();
        if (a > MAX_ATTRIBUTES) {
            throw new DatasetException(attrFile + ": line 2 names " + a + " attributes; at most " + MAX_ATTRIBUTES
                    + " are supported. Is this really an attribute file?");
        }
        Set<String> seen = new HashSet<>();
        for (String name : attributes) {
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new DatasetException(attrFile + ": attribute '" + name + "' is named twice on line 2 (names are "
                        + "compared ignoring case). Give every column its own name.");
            }
        }
        ProblemLog log = new ProblemLog();
        // Memory follows the rows actually read, never the count line: a 15 KB file may claim a billion rows.
        List<String> names = new ArrayList<>(1024);
        byte[] values = new byte[1024 * a];
        Path imageRoot = imageDir.toAbsolutePath().normalize();
        String line;
        int lineNo = 2;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (names.size() >= MAX_ROWS) {
                log.add(
                        "rows beyond the supported maximum were not read",
                        "from line " + lineNo + " (at most " + MAX_ROWS + " images)");
                break;
            }
            String trimmed = line.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            if (parts.length != a + 1) {
                log.add(
                        "rows have the wrong number of values",
                        "line " + lineNo + " has " + (parts.length - 1) + " of " + a);
                continue;
            }
            byte[] row = new byte[a];
            boolean ok = true;
            for (int i = 0; i < a && ok; i++) {
                switch (parts[i + 1]) {
                    case "1" -> row[i] = 1;
                    case "-1" -> row[i] = -1;
                    case "0" -> row[i] = 0;
                    default -> {
                        log.add(
                                "rows have values other than 1/-1",
                                "line " + lineNo + ": '" + shorten(parts[i + 1]) + "'");
                        ok = false;
                    }
                }
            }
            if (!ok) {
                continue;
            }
            Path image = imageRoot.resolve(parts[0]).normalize();
            if (!image.startsWith(imageRoot) || parts[0].contains("\0")) {
                log.add(
                        "rows name a file outside the image folder (refused)",
                        "line " + lineNo + ": " + shorten(parts[0]));
                continue;
            }
            if (!imageExists.test(image)) {
                log.add("rows name a missing image", "line " + lineNo + ": " + parts[0]);
                continue;
            }
            int r = names.size();
            if ((long) (r + 1) * a > values.length) {
                values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8, 2L * values.length));
            }
            System.arraycopy(row, 0, values, r * a, a);
            names.add(parts[0]);
        }
        List<String> problems = new ArrayList<>();
        long seenRows = names.size()
                + log.count("rows have the wrong number of values")
                + log.count("rows have values other than 1/-1")
                + log.count("rows name a missing image")
                + log.count("rows name a file outside the image folder (refused)");
        if (seenRows != declared) {
            problems.add("line 1 says " + declared + " images but the file has " + seenRows + " rows");
        }
        problems.addAll(log.summary());
        return new CelebaDataset(
                folder,
                imageDir,
                attributes,
                names.toArray(String[]::new),
                Arrays.copyOf(values, names.size() * a),
                List.copyOf(problems));
    }

    private static String stripBom(String s) {
        return s != null && s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    @Override
    public String description() {
        return "celeba:" + root;
    }

    @Override
    public int size() {
        return files.length;
    }

    @Override
    public List<String> attributes() {
        return attributes;
    }

    @Override
    public Sample load(int index) throws IOException {
        return new Sample(files[index], ImageFiles.read(imageDir.resolve(files[index])), labels(index));
    }

    @Override
    public float[] labels(int index) {
        int a = attributes.size();
        float[] out = new float[a];
        for (int i = 0; i < a; i++) {
            out[i] = labels[index * a + i];
        }
        return out;
    }

    /** File name of entry {@code index}, relative to the image folder. */
    public String fileName(int index) {
        return files[index];
    }

    @Override
    public List<String> problems() {
        return problems;
    }
}
