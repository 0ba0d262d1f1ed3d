package org.latentlens.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.prefs.Preferences;
import org.junit.jupiter.api.Test;
import org.latentlens.core.faces.FaceFinder;
import org.latentlens.core.model.ModelBundleException;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.UiExecutor;
import org.latentlens.ui.encode.EncodeViewModel;
import org.latentlens.ui.inspect.InspectViewModel;

/** "Find faces in photos" holds from one launch to the next. */
class FindFacesChoiceTest {
    /** What a launch builds: an encode view model under a main view model that reads {@code prefs}. */
    private static EncodeViewModel launch(Preferences prefs) {
        ModelSession session = new ModelSession();
        EncodeViewModel encode =
                new EncodeViewModel(UiExecutor.direct(), session, FaceFinder.unavailable("none in this test"));
        new MainViewModel(
                dir -> {
                    throw new ModelBundleException("no models in this test");
                },
                UiExecutor.direct(),
                session,
                encode,
                new InspectViewModel(session),
                prefs);
        return encode;
    }

    @Test
    void turningItOffLastsUntilItIsTurnedOnAgain() {
        Preferences prefs = new MemoryPreferences();
        assertTrue(launch(prefs).findFacesProperty().get(), "on at the first launch");
        launch(prefs).findFacesProperty().set(false);
        EncodeViewModel next = launch(prefs);
        assertFalse(next.findFacesProperty().get(), "still off at the next launch");
        next.findFacesProperty().set(true);
        assertTrue(launch(prefs).findFacesProperty().get(), "on again");
    }
}
