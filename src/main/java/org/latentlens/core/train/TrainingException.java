package org.latentlens.core.train;

/** Training cannot go on; the message says why and what to try. */
public class TrainingException extends Exception {
    /** Creates the exception with a message for the user. */
    public TrainingException(String message) {
        super(message);
    }

    /** Creates the exception with a message for the user and its cause. */
    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
