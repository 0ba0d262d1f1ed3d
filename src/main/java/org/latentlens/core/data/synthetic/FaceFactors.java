package org.latentlens.core.data.synthetic;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The ground truth behind one synthetic face. Continuous factors lie in [0, 1] unless noted; each binary
 * attribute is a threshold of one factor, and factors are sampled away from their threshold so that the
 * attribute is unambiguous while its strength still varies.
 *
 * @param smile -1 (frown) .. 1 (broad smile); Smiling when above 0
 * @param glasses 0 or 1; Eyeglasses
 * @param hairLightness 0 black .. 1 platinum; Blond_Hair when above 0.5
 * @param hairLength 0 cropped .. 1 shoulder length; Long_Hair when above 0.5
 * @param beard 0 none .. 1 full; Beard when above 0.5
 * @param faceWidth 0 narrow .. 1 wide; Wide_Face when above 0.5
 * @param skinTone 0 dark .. 1 pale; Pale_Skin when above 0.5
 * @param eyeOpenness 0 slits .. 1 wide open; Narrow_Eyes when below 0.5
 * @param headTilt -1 .. 1 (about ±12 degrees); no attribute
 * @param backgroundHue 0 .. 1 around the colour wheel; no attribute
 * @param lighting -1 (light from the left) .. 1 (from the right); nuisance
 * @param hairHue 0 .. 1 warm tint of the hair; nuisance
 * @param jitterX horizontal offset, -1 .. 1 (a few percent of the image); nuisance
 * @param jitterY vertical offset, -1 .. 1; nuisance
 * @param scale 0.94 .. 1.06 head size; nuisance
 * @param noiseSeed seed of the pixel noise; nuisance
 */
public record FaceFactors(
        double smile,
        double glasses,
        double hairLightness,
        double hairLength,
        double beard,
        double faceWidth,
        double skinTone,
        double eyeOpenness,
        double headTilt,
        double backgroundHue,
        double lighting,
        double hairHue,
        double jitterX,
        double jitterY,
        double scale,
        long noiseSeed) {

    /** The binary attributes, in the order of {@link #attributes()}. */
    public static final List<String> ATTRIBUTES = List.of(
            "Smiling", "Eyeglasses", "Blond_Hair", "Long_Hair", "Beard", "Wide_Face", "Pale_Skin", "Narrow_Eyes");

    /** Names of the continuous ground-truth factors, in the order of {@link #continuous()}. */
    public static final List<String> FACTORS = List.of(
            "smile",
            "glasses",
            "hair_lightness",
            "hair_length",
            "beard",
            "face_width",
            "skin_tone",
            "eye_openness",
            "head_tilt",
            "background_hue",
            "lighting",
            "hair_hue",
            "jitter_x",
            "jitter_y",
            "scale");

    /** The factors drawn as nuisance (named so in the record's documentation): left out of disentanglement scores. */
    public static final List<String> NUISANCE = List.of("lighting", "hair_hue", "jitter_x", "jitter_y", "scale");

    /** Draws independent factors. */
    public static FaceFactors sample(SplittableRandom r) {
        return new FaceFactors(
                signedAwayFromZero(r, 0.3),
                r.nextBoolean() ? 1 : 0,
                awayFromHalf(r, 0.2),
                awayFromHalf(r, 0.2),
                r.nextBoolean() ? 0.65 + 0.35 * r.nextDouble() : 0.1 * r.nextDouble(),
                awayFromHalf(r, 0.2),
                awayFromHalf(r, 0.2),
                awayFromHalf(r, 0.2),
                r.nextDouble(-1, 1),
                r.nextDouble(),
                r.nextDouble(-1, 1),
                r.nextDouble(),
                r.nextDouble(-1, 1),
                r.nextDouble(-1, 1),
                r.nextDouble(0.94, 1.06),
                r.nextLong());
    }

    /** A value in [0, 1] at least {@code margin} away from 0.5, on a fair-coin side. */
    private static double awayFromHalf(SplittableRandom r, double margin) {
        double magnitude = margin + (0.5 - margin) * r.nextDouble();
        return r.nextBoolean() ? 0.5 + magnitude : 0.5 - magnitude;
    }

    private static double signedAwayFromZero(SplittableRandom r, double margin) {
        double magnitude = margin + (1 - margin) * r.nextDouble();
        return r.nextBoolean() ? magnitude : -magnitude;
    }

    /** Binary attributes as CelebA writes them: 1 present, -1 absent. */
    public int[] attributes() {
        return new int[] {
            sign(smile > 0), sign(glasses > 0.5), sign(hairLightness > 0.5), sign(hairLength > 0.5),
            sign(beard > 0.5), sign(faceWidth > 0.5), sign(skinTone > 0.5), sign(eyeOpenness < 0.5)
        };
    }

    /** The continuous factors, in the order of {@link #FACTORS}. */
    public double[] continuous() {
        return new double[] {
            smile,
            glasses,
            hairLightness,
            hairLength,
            beard,
            faceWidth,
            skinTone,
            eyeOpenness,
            headTilt,
            backgroundHue,
            lighting,
            hairHue,
            jitterX,
            jitterY,
            scale
        };
    }

    private static int sign(boolean b) {
        return b ? 1 : -1;
    }
}
