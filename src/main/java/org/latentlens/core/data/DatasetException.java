package org.latentlens.core.data;

/** A dataset cannot be opened; the message says why and what to do. */
public class DatasetException extends Exception {
    /** Creates the exception with a message for the user. */
    public DatasetException(String message) {
        super(message);
    }

    /** Creates the exception with a message for the user and its cause. */
    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
