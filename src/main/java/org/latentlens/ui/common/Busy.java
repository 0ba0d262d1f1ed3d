package org.latentlens.ui.common;

import javafx.animation.PauseTransition;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.util.Duration;

/** Progress feedback for work that takes a while, without a flicker for work that does not. */
public final class Busy {
    /** Work shorter than this shows no indicator. */
    public static final Duration DELAY = Duration.millis(200);

    private Busy() {}

    /** Shows {@code indicator} once {@code busy} has been true for {@link #DELAY}; hides it as soon as it is false. */
    public static void showAfterDelay(Node indicator, ObservableBooleanValue busy) {
        // Bindings listen weakly to what they are built from: the indicator keeps this one alive.
        indicator.getProperties().put(Busy.class, busy);
        PauseTransition wait = new PauseTransition(DELAY);
        wait.setOnFinished(e -> indicator.setVisible(busy.get()));
        indicator.setVisible(false);
        busy.addListener((o, was, now) -> {
            if (now) {
                wait.playFromStart();
            } else {
                wait.stop();
                indicator.setVisible(false);
            }
        });
        if (busy.get()) {
            wait.playFromStart();
        }
    }
}
