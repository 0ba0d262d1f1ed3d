package org.latentlens.ui.explore;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.latentlens.core.model.LatentDimension;

/**
 * What the explorer says about how common an attribute is in a model's training images (the manifest's {@code
 * presence}): the reason Random shows some attributes rarely.
 */
final class PresenceNotes {
    private PresenceNotes() {}

    /** "In 4 % of the training images; Random draws it as often", or empty when the model does not say. */
    static Optional<String> of(LatentDimension d) {
        if (!d.hasPresence()) {
            return Optional.empty();
        }
        return Optional.of("In " + percent(d.presence()) + " of the training images; Random draws it as often");
    }

    /**
     * For a categorical factor: "In the training images: White 54 %, Black 4 %, ...; Random draws them in that mix",
     * or empty unless every value has a presence.
     */
    static Optional<String> ofValues(List<LatentDimension> values) {
        if (values.isEmpty() || !values.stream().allMatch(LatentDimension::hasPresence)) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder("In the training images: ");
        for (int i = 0; i < values.size(); i++) {
            LatentDimension d = values.get(i);
            sb.append(i == 0 ? "" : ", ")
                    .append(d.name().replace('_', ' '))
                    .append(' ')
                    .append(percent(d.presence()));
        }
        return Optional.of(sb.append("; Random draws them in that mix").toString());
    }

    private static String percent(float share) {
        double p = 100.0 * share;
        // Rare attributes keep a decimal: "0.4 %" says more than "0 %".
        return p < 9.95 && p > 0 ? String.format(Locale.ROOT, "%.1f %%", p) : String.format(Locale.ROOT, "%.0f %%", p);
    }
}
