package org.latentlens.core.model;

/** Running a loaded model failed; the message says which signature and why. */
public class InferenceException extends RuntimeException {
    /** Creates the exception with a message for the user and its cause. */
    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates the exception with a message for the user. */
    public InferenceException(String message) {
        super(message);
    }
}
