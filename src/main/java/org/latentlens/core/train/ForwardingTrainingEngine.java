package org.latentlens.core.train;

import java.util.Map;

/**
 * An engine that passes every operation to another one: the base of decorators that change one operation (feed
 * faults into steps, start from other weights, watch the inputs) and leave the rest as they are.
 */
public abstract class ForwardingTrainingEngine implements TrainingEngine {
    private final TrainingEngine engine;

    /** Forwards to {@code engine}. */
    protected ForwardingTrainingEngine(TrainingEngine engine) {
        this.engine = engine;
    }

    @Override
    public void initialize(long seed) {
        engine.initialize(seed);
    }

    @Override
    public Map<LossTerm, Double> step(StepInputs inputs) {
        return engine.step(inputs);
    }

    @Override
    public Map<String, float[]> state() {
        return engine.state();
    }

    @Override
    public void restore(Map<String, float[]> state) {
        engine.restore(state);
    }

    @Override
    public float[] sample(float[] codes, int count) {
        return engine.sample(codes, count);
    }
}
