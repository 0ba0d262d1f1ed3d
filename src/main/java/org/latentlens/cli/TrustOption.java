package org.latentlens.cli;

import org.latentlens.core.model.LoadOptions;
import picocli.CommandLine.Option;

/** {@code --trust}: the option of every command that opens a model bundle. */
final class TrustOption {
    @Option(
            names = "--trust",
            description = "Open the model even if its graph does more than compute (reads or"
                    + " writes files, runs Python, prints). Only for models whose source you trust.")
    boolean trust;

    /** How to load the model these options describe. */
    LoadOptions loadOptions() {
        return trust ? LoadOptions.TRUSTED : LoadOptions.UNTRUSTED;
    }
}
