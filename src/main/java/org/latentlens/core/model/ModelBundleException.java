package org.latentlens.core.model;

/**
 * A model bundle cannot be used. The message says what is wrong and what the user can do about it;
 * it is meant to be shown as it is.
 */
public class ModelBundleException extends Exception {
    /** Creates an exception whose message is shown to the user. */
    public ModelBundleException(String message) {
        super(message);
    }

    /** Creates an exception whose message is shown to the user, keeping the cause for logs. */
    public ModelBundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
