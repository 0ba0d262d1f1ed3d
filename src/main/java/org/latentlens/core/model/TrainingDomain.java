package org.latentlens.core.model;

import java.util.Locale;

/**
 * What kind of images a model was trained on, in words, from its manifest: the model card states it, and a poor
 * reconstruction is explained by it ("synthetic cartoon faces: real photos will not reconstruct").
 */
public final class TrainingDomain {
    /** Below this PSNR a reconstruction does not resemble its image; the encode pane says why. */
    public static final double POOR_PSNR_DB = 18.0;

    private TrainingDomain() {}

    /** One or two sentences on the training images and what the model can therefore do. */
    public static String describe(ModelManifest m) {
        String dataset = m.training() == null ? "" : m.training().dataset();
        if (dataset.startsWith("synthetic")) {
            return "Synthetic cartoon faces drawn by Latent Lens: real photos will not reconstruct. Use it to see what "
                    + "each slider does, not to edit photographs.";
        }
        if (dataset.startsWith("celeba:")) {
            return "Face photographs from " + dataset.substring("celeba:".length())
                    + " (aligned crops, CelebA layout): " + "photos framed the same way reconstruct best.";
        }
        if (dataset.startsWith("folder:")) {
            return "Images from " + dataset.substring("folder:".length())
                    + " (unlabelled): images like those reconstruct" + " best.";
        }
        return dataset.isBlank()
                ? "Not stated: the manifest does not say what this model was trained on."
                : "Trained on " + dataset + ".";
    }

    /** What to say beside a reconstruction's PSNR; empty when it is good enough to need no comment. */
    public static String reconstructionNote(ModelManifest m, double psnr) {
        if (psnr >= POOR_PSNR_DB) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                "Poor reconstruction (below %.0f dB): this image is unlike the " + "model's training data. %s",
                POOR_PSNR_DB,
                describe(m));
    }
}
