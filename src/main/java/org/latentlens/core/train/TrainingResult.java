package org.latentlens.core.train;

import java.nio.file.Path;

/**
 * How a run ended.
 *
 * @param completed true when the run ended as planned (step target or CPU budget reached); false when cancelled
 * @param step steps done
 * @param bundle the exported model bundle (written both on completion and on cancel)
 */
public record TrainingResult(boolean completed, long step, Path bundle) {}
