package org.latentlens.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code latent-lens data info} prints about a dataset.
 *
 * @param description the dataset spec
 * @param count entries indexed
 * @param attributes attribute names
 * @param positiveRates share of known labels that are positive, per attribute
 * @param problems index problems and decoding failures found
 * @param decoded entries decoded to check readability
 * @param unreadable of those, how many failed
 */
public record DatasetReport(
        String description,
        int count,
        List<String> attributes,
        double[] positiveRates,
        List<String> problems,
        int decoded,
        int unreadable) {

    /** Indexes the labels of every entry and decodes the first {@code decodeCount} to check they read. */
    public static DatasetReport inspect(ImageDataset dataset, int decodeCount) {
        double[] rates = LabelRates.positive(dataset);
        List<String> problems = new ArrayList<>(dataset.problems());
        int n = Math.min(decodeCount, dataset.size());
        int bad = 0;
        String firstBad = null;
        for (int i = 0; i < n; i++) {
            try {
                dataset.load(i);
            } catch (Exception e) {
                bad++;
                if (firstBad == null) {
                    firstBad = e.getMessage();
                }
            }
        }
        if (bad > 0) {
            problems.add(
                    bad + " of " + n + " checked images cannot be decoded and will be skipped (e.g. " + firstBad + ")");
        }
        return new DatasetReport(dataset.description(), dataset.size(), dataset.attributes(), rates, problems, n, bad);
    }

    /** The report as lines of text for a terminal. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("Dataset:    " + description);
        out.add("Images:     " + count);
        out.add("Checked:    " + decoded + " decoded, " + unreadable + " unreadable");
        if (attributes.isEmpty()) {
            out.add("Attributes: none (unlabelled)");
        } else {
            out.add("Attributes: " + attributes.size() + " (share positive)");
            for (int i = 0; i < attributes.size(); i++) {
                out.add(
                        Double.isNaN(positiveRates[i])
                                ? String.format(
                                        Locale.ROOT, "  %-22s   none (every label is 0: unknown)", attributes.get(i))
                                : String.format(
                                        Locale.ROOT, "  %-22s %6.1f%%", attributes.get(i), 100 * positiveRates[i]));
            }
        }
        if (problems.isEmpty()) {
            out.add("Problems:   none found");
        } else {
            out.add("Problems:");
            problems.forEach(p -> out.add("  - " + p));
        }
        return out;
    }
}
