package org.latentlens.core.train;

import java.nio.file.Path;

/**
 * The run folder does not fit what was asked: a new run in a folder that already holds one, or a resume where
 * there is nothing to resume. The message speaks to command-line users; apps offer {@link #problem()}'s remedies
 * as buttons instead.
 */
public final class RunFolderException extends TrainingException {
    /** What is wrong with the folder. */
    public enum Problem {
        /** A new run was asked for, but the folder holds checkpoints of another: resume it or use another folder. */
        HOLDS_A_RUN,
        /** A resume was asked for, but the folder holds no readable checkpoint: start a new run. */
        NOTHING_TO_RESUME
    }

    private final Problem problem;
    private final Path runDir;

    /** {@code message} is for the command line. */
    public RunFolderException(Problem problem, Path runDir, String message) {
        super(message);
        this.problem = problem;
        this.runDir = runDir;
    }

    public Problem problem() {
        return problem;
    }

    /** The run folder in question. */
    public Path runDir() {
        return runDir;
    }
}
