package org.latentlens.core.faces;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Finds faces in a picture, so a photo can be cropped and aligned the way the training images were before it is
 * encoded. Implementations live outside core (the OpenCV one in {@code org.latentlens.faces.opencv}).
 */
public interface FaceFinder {
    /**
     * The faces in {@code image}, in no particular order, in its pixel coordinates; empty when there is none.
     *
     * @throws FaceFinderException when the detector cannot run here (for example its native library did not load)
     */
    List<FaceBox> find(BufferedImage image);

    /** A finder that never runs, saying {@code reason} (where no detector is set up, or none can load). */
    static FaceFinder unavailable(String reason) {
        return image -> {
            throw new FaceFinderException(reason);
        };
    }
}
