package org.latentlens.core.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects problems found in a dataset without drowning the user: a count per kind and the first few
 * examples of each.
 */
final class ProblemLog {
    private static final int EXAMPLES = 3;
    private final Map<String, List<String>> examples = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    void add(String kind, String example) {
        counts.merge(kind, 1, Integer::sum);
        List<String> list = examples.computeIfAbsent(kind, k -> new ArrayList<>());
        if (list.size() < EXAMPLES) {
            list.add(example);
        }
    }

    int count(String kind) {
        return counts.getOrDefault(kind, 0);
    }

    /** One line per kind: "3 rows name a missing image (e.g. line 5: a.jpg; ...)". */
    List<String> summary() {
        List<String> out = new ArrayList<>();
        counts.forEach((kind, n) -> {
            String more = n > EXAMPLES ? "; ..." : "";
            out.add(n + " " + kind + " (e.g. " + String.join("; ", examples.get(kind)) + more + ")");
        });
        return out;
    }
}
