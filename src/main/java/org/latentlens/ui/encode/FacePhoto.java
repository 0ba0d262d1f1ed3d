package org.latentlens.ui.encode;

import java.awt.image.BufferedImage;
import java.util.Comparator;
import java.util.List;
import org.latentlens.core.faces.AlignedCrop;
import org.latentlens.core.faces.FaceBox;
import org.latentlens.core.faces.FaceOverlay;

/**
 * A photo and the faces found on it, numbered left to right as the chooser shows them ("Face 1 of 3").
 *
 * @param image the photo as decoded
 * @param faces the faces found, left to right; at least one
 */
record FacePhoto(BufferedImage image, List<FaceBox> faces) {
    /** Longest side of the photo as shown with its boxes: enough for a sharp preview, small for the UI thread. */
    static final int SHOWN_SIDE = 720;

    FacePhoto {
        if (faces.isEmpty()) {
            throw new IllegalArgumentException("a face photo needs a face");
        }
        faces = faces.stream()
                .sorted(Comparator.comparingDouble(FaceBox::centreX))
                .toList();
    }

    /** The largest face, encoded first: in a holiday photo the subject is usually the nearest person. */
    int largest() {
        int best = 0;
        for (int i = 1; i < faces.size(); i++) {
            if (faces.get(i).area() > faces.get(best).area()) {
                best = i;
            }
        }
        return best;
    }

    /** The face whose box holds the photo point ({@code x}, {@code y}), the smallest if boxes overlap; or -1. */
    int faceAt(double x, double y) {
        int hit = -1;
        for (int i = 0; i < faces.size(); i++) {
            if (faces.get(i).contains(x, y)
                    && (hit < 0 || faces.get(i).area() < faces.get(hit).area())) {
                hit = i;
            }
        }
        return hit;
    }

    /** Face {@code index} cropped and aligned to {@code side} pixels. */
    AlignedCrop crop(int index, int side) {
        return AlignedCrop.of(image, faces.get(index), side);
    }

    /** A reduced copy of the photo with every box and {@code crop}'s square drawn. */
    BufferedImage shown(AlignedCrop crop) {
        return FaceOverlay.draw(image, faces, crop.outline(), SHOWN_SIDE);
    }
}
