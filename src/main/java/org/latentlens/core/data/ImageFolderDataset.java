package org.latentlens.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Every JPEG and PNG under a folder, recursively, without labels. */
public final class ImageFolderDataset implements ImageDataset {
    private final Path root;
    private final List<Path> files;

    private ImageFolderDataset(Path root, List<Path> files) {
        this.root = root;
        this.files = files;
    }

    /** Indexes the images under {@code root} in a stable (sorted) order. */
    public static ImageFolderDataset open(Path root) throws DatasetException {
        if (!Files.isDirectory(root)) {
            throw new DatasetException("There is no folder at " + root + ".");
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(ImageFiles::isImageName)
                    .sorted()
                    .toList();
            if (files.isEmpty()) {
                throw new DatasetException(root + " holds no .jpg, .jpeg or .png files.");
            }
            return new ImageFolderDataset(root, files);
        } catch (IOException | UncheckedIOException e) {
            throw new DatasetException("Cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return "folder:" + root;
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public List<String> attributes() {
        return List.of();
    }

    @Override
    public Sample load(int index) throws IOException {
        Path p = files.get(index);
        return new Sample(root.relativize(p).toString(), ImageFiles.read(p), new float[0]);
    }

    @Override
    public float[] labels(int index) {
        return new float[0];
    }

    @Override
    public List<String> problems() {
        return List.of();
    }
}
