package org.latentlens.core.model;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What a model's graph is made of, as far as safety goes: how many kinds of operation it uses and which of
 * them Latent Lens does not allow in an untrusted model.
 *
 * @param kinds distinct operation types found in the graph and its functions
 * @param refused operations outside the allowlist, one per operation type and place, in the order found
 */
public record OperationReport(int kinds, List<Refusal> refused) {
    /**
     * One operation that is not allowed.
     *
     * @param operation the operation type, e.g. {@code WriteFile}
     * @param location where it sits and what runs it, e.g. {@code function 'leak', called by signature 'generate'}
     * @param risk what it can do, completing "which ...", e.g. {@code can read or write files}
     */
    public record Refusal(String operation, String location, String risk) {}

    /** How many refusals a message names before it only counts the rest. */
    private static final int NAMED_IN_MESSAGE = 3;

    /** Copies the list. */
    public OperationReport {
        refused = List.copyOf(refused);
    }

    /** Whether every operation is on the allowlist. */
    public boolean allAllowed() {
        return refused.isEmpty();
    }

    /** One line for {@code latent-lens info}: "37 kinds, all allowed" or the operations refused. */
    public String summary() {
        if (allAllowed()) {
            return String.format(Locale.ROOT, "%d kinds, all allowed", kinds);
        }
        List<String> names = refused.stream().map(Refusal::operation).distinct().toList();
        return String.format(Locale.ROOT, "%d kinds; not allowed without --trust: %s", kinds, String.join(", ", names));
    }

    /**
     * The message for the user: what was refused, where, why, and how to open the model anyway.
     *
     * @param noun names one refused operation in the engine's words, e.g. {@code operation 'WriteFile'}
     */
    public String message(String modelName, Function<Refusal, String> noun) {
        StringBuilder m = new StringBuilder("Model '").append(modelName).append("' contains ");
        int named = Math.min(NAMED_IN_MESSAGE, refused.size());
        for (int i = 0; i < named; i++) {
            Refusal r = refused.get(i);
            if (i > 0) {
                m.append(i == named - 1 && refused.size() == named ? "; and " : "; ");
            }
            m.append(noun.apply(r))
                    .append(" (")
                    .append(r.location())
                    .append("), which ")
                    .append(r.risk());
        }
        if (refused.size() > named) {
            m.append("; and ").append(refused.size() - named).append(" more not allowed");
        }
        return m.append(". Latent Lens refuses models that do more than compute. If you trust the source, open it "
                        + "with --trust (in the app: Open anyway).")
                .toString();
    }
}
