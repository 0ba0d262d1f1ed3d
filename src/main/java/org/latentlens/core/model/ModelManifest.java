package org.latentlens.core.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything {@code manifest.json} says about a model bundle.
 *
 * @param formatVersion version of the bundle format; see {@link #CURRENT_FORMAT_VERSION}
 * @param name short display name
 * @param description one or two sentences for people
 * @param image size and value range of images
 * @param latent the ordered latent layout the generator takes
 * @param attributes attribute names, in the order of every {@code attributes} output
 * @param signatures signatures present in the SavedModel
 * @param training how it was trained, or {@code null} for hand-built models
 * @param metrics measured figures by name ({@code steerability.Smiling}, {@code reconstruction.psnr}, ...)
 * @param layout axis order of the model's image tensors
 * @param roles where each role lives when not under its own name (see {@link RoleBinding}); roles absent
 *     from the map use their default binding
 * @param calibration what realism scores mean for this model, or {@code null} until {@code latent-lens evaluate}
 *     has measured it
 * @param explained per latent dimension name, the attribute its sweeps were found to move (measured by
 *     {@code latent-lens evaluate}); empty until then
 */
public record ModelManifest(
        int formatVersion,
        String name,
        String description,
        ImageSpec image,
        LatentLayout latent,
        List<String> attributes,
        List<String> signatures,
        TrainingRecord training,
        Map<String, Double> metrics,
        ImageLayout layout,
        Map<ModelRole, RoleBinding> roles,
        RealismCalibration calibration,
        Map<String, DimensionExplanation> explained) {

    /** The only bundle format version this build reads and writes. */
    public static final int CURRENT_FORMAT_VERSION = 1;

    /** Checks that the parts agree with each other. */
    public ModelManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(latent, "latent");
        description = description == null ? "" : description;
        attributes = List.copyOf(attributes);
        signatures = List.copyOf(signatures);
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        layout = layout == null ? ImageLayout.NHWC : layout;
        roles = roles == null
                ? Map.of()
                : Collections.unmodifiableMap(
                        new EnumMap<>(roles.isEmpty() ? new EnumMap<ModelRole, RoleBinding>(ModelRole.class) : roles));
        explained = explained == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(explained));
        for (LatentDimension d : latent.dimensions()) {
            if (d.isSemantic() && !attributes.contains(d.name())) {
                throw new IllegalArgumentException("semantic latent dimension '" + d.name()
                        + "' names no attribute; attributes are " + attributes);
            }
        }
    }

    /** A manifest whose dimensions have not been explained yet. */
    public ModelManifest(
            int formatVersion,
            String name,
            String description,
            ImageSpec image,
            LatentLayout latent,
            List<String> attributes,
            List<String> signatures,
            TrainingRecord training,
            Map<String, Double> metrics,
            ImageLayout layout,
            Map<ModelRole, RoleBinding> roles,
            RealismCalibration calibration) {
        this(
                formatVersion,
                name,
                description,
                image,
                latent,
                attributes,
                signatures,
                training,
                metrics,
                layout,
                roles,
                calibration,
                Map.of());
    }

    /** An NHWC manifest with every role under its default binding and no calibration (what our trainer writes). */
    public ModelManifest(
            int formatVersion,
            String name,
            String description,
            ImageSpec image,
            LatentLayout latent,
            List<String> attributes,
            List<String> signatures,
            TrainingRecord training,
            Map<String, Double> metrics) {
        this(
                formatVersion,
                name,
                description,
                image,
                latent,
                attributes,
                signatures,
                training,
                metrics,
                ImageLayout.NHWC,
                Map.of(),
                null);
    }

    /** A manifest without realism calibration (every new model: calibration is measured after training). */
    public ModelManifest(
            int formatVersion,
            String name,
            String description,
            ImageSpec image,
            LatentLayout latent,
            List<String> attributes,
            List<String> signatures,
            TrainingRecord training,
            Map<String, Double> metrics,
            ImageLayout layout,
            Map<ModelRole, RoleBinding> roles) {
        this(
                formatVersion,
                name,
                description,
                image,
                latent,
                attributes,
                signatures,
                training,
                metrics,
                layout,
                roles,
                null);
    }

    /** Where {@code role} lives in the model. */
    public RoleBinding binding(ModelRole role) {
        return roles.getOrDefault(role, RoleBinding.defaultFor(role));
    }

    /** Whether the SavedModel declares this signature. */
    public boolean hasSignature(String signature) {
        return signatures.contains(signature);
    }

    /** A copy with another latent layout of the same size (e.g. with the attributes' shares added). */
    public ModelManifest withLatent(LatentLayout newLatent) {
        if (newLatent.size() != latent.size()) {
            throw new IllegalArgumentException(
                    "the latent layout has " + latent.size() + " dimensions, not " + newLatent.size());
        }
        Copy copy = new Copy(this);
        copy.latent = newLatent;
        return copy.build();
    }

    /** A copy with other metrics (the evaluator fills them in after training). */
    public ModelManifest withMetrics(Map<String, Double> newMetrics) {
        Copy copy = new Copy(this);
        copy.metrics = newMetrics;
        return copy.build();
    }

    /** A copy with another training record. */
    public ModelManifest withTraining(TrainingRecord record) {
        Copy copy = new Copy(this);
        copy.training = record;
        return copy.build();
    }

    /** A copy with another realism calibration (the evaluator measures it), or none. */
    public ModelManifest withCalibration(RealismCalibration newCalibration) {
        Copy copy = new Copy(this);
        copy.calibration = newCalibration;
        return copy.build();
    }

    /** A copy with other dimension explanations (the evaluator finds them). */
    public ModelManifest withExplained(Map<String, DimensionExplanation> newExplained) {
        Copy copy = new Copy(this);
        copy.explained = newExplained;
        return copy.build();
    }

    /**
     * The parts the {@code with...} methods change, on one mutable copy, so that each of them says only what it
     * changes instead of repeating the 13-part constructor; {@link #build()} goes through that constructor, so a copy
     * is checked as any manifest is.
     */
    private static final class Copy {
        private final ModelManifest original;
        private LatentLayout latent;
        private TrainingRecord training;
        private Map<String, Double> metrics;
        private RealismCalibration calibration;
        private Map<String, DimensionExplanation> explained;

        Copy(ModelManifest original) {
            this.original = original;
            latent = original.latent;
            training = original.training;
            metrics = original.metrics;
            calibration = original.calibration;
            explained = original.explained;
        }

        ModelManifest build() {
            return new ModelManifest(
                    original.formatVersion,
                    original.name,
                    original.description,
                    original.image,
                    latent,
                    original.attributes,
                    original.signatures,
                    training,
                    metrics,
                    original.layout,
                    original.roles,
                    calibration,
                    explained);
        }
    }
}
