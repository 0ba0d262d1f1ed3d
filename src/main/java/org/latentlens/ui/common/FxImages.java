package org.latentlens.ui.common;

import java.awt.image.BufferedImage;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;

/** Converts the view models' pictures (AWT, toolkit-free) into JavaFX images for views. */
public final class FxImages {
    private FxImages() {}

    /** {@code null} stays {@code null}. */
    public static Image toFx(BufferedImage image) {
        return image == null ? null : SwingFXUtils.toFXImage(image, null);
    }
}
