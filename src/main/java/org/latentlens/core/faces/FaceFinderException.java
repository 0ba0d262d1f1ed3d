package org.latentlens.core.faces;

/** The face detector cannot run (its library did not load, ...); the message says why, for the user. */
public class FaceFinderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure explained by {@code message}. */
    public FaceFinderException(String message) {
        super(message);
    }

    /** A failure explained by {@code message}, caused by {@code cause}. */
    public FaceFinderException(String message, Throwable cause) {
        super(message, cause);
    }
}
