package org.latentlens.core.model;

/**
 * A model was refused because its graph does more than compute (see {@link OperationReport}). Unlike other
 * {@link ModelBundleException}s the bundle is usable: the user may open it anyway if they trust its source.
 */
public class UntrustedModelException extends ModelBundleException {
    private final transient OperationReport report;

    /** Creates an exception whose message is shown to the user. */
    public UntrustedModelException(String message, OperationReport report) {
        super(message);
        this.report = report;
    }

    /** The scan that refused the model. */
    public OperationReport report() {
        return report;
    }
}
