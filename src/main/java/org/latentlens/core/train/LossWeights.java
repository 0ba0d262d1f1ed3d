package org.latentlens.core.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weights of the loss terms.
 *
 * @param adversarial G and D against each other
 * @param attribute attribute supervision of E and of D's head on labelled real images
 * @param info D's head and E must read back the semantic values G was given (ties each slider to its attribute)
 * @param latent E must recover G's whole code, free part included
 * @param reconstruction L1 distance between x and G(E(x))
 * @param kl KL divergence of the free code from a standard normal
 */
public record LossWeights(
        double adversarial, double attribute, double info, double latent, double reconstruction, double kl) {
    /** The weights used unless told otherwise; see docs/training.md for how they were chosen. */
    public static final LossWeights DEFAULT = new LossWeights(1.0, 1.0, 1.0, 1.0, 10.0, 0.02);

    /** The names {@link #with} accepts, as in the manifest without the {@code w.} prefix. */
    public static final List<String> NAMES =
            List.of("adversarial", "attribute", "info", "latent", "reconstruction", "kl");

    /** A copy in which the term {@code name} (one of {@link #NAMES}) has weight {@code value}. */
    public LossWeights with(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("--weights " + name + " must be a weight of 0 or more, not " + value);
        }
        return switch (name) {
            case "adversarial" -> new LossWeights(value, attribute, info, latent, reconstruction, kl);
            case "attribute" -> new LossWeights(adversarial, value, info, latent, reconstruction, kl);
            case "info" -> new LossWeights(adversarial, attribute, value, latent, reconstruction, kl);
            case "latent" -> new LossWeights(adversarial, attribute, info, value, reconstruction, kl);
            case "reconstruction" -> new LossWeights(adversarial, attribute, info, latent, value, kl);
            case "kl" -> new LossWeights(adversarial, attribute, info, latent, reconstruction, value);
            default ->
                throw new IllegalArgumentException(
                        "--weights knows " + String.join(", ", NAMES) + "; not '" + name + "'");
        };
    }

    /** The weights as named text, for the manifest. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("w.adversarial", Double.toString(adversarial));
        m.put("w.attribute", Double.toString(attribute));
        m.put("w.info", Double.toString(info));
        m.put("w.latent", Double.toString(latent));
        m.put("w.reconstruction", Double.toString(reconstruction));
        m.put("w.kl", Double.toString(kl));
        return m;
    }
}
