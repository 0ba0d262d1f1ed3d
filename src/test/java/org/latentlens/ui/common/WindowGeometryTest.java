package org.latentlens.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.prefs.Preferences;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The window's geometry between runs, without the toolkit. */
class WindowGeometryTest {
    private final Preferences prefs = Preferences.userRoot().node("latent-lens-test-" + System.nanoTime());
    private static final Rectangle2D SCREEN = new Rectangle2D(0, 0, 1920, 1080);

    @AfterEach
    void removeNode() throws Exception {
        prefs.removeNode();
    }

    @Test
    void whatIsWrittenIsReadBack() {
        assertTrue(WindowGeometry.read(prefs).isEmpty(), "nothing stored yet");
        new WindowGeometry(40, 30, 1100, 760, true).write(prefs);
        assertEquals(
                new WindowGeometry(40, 30, 1100, 760, true),
                WindowGeometry.read(prefs).orElseThrow());
    }

    @Test
    void nonsenseIsIgnored() {
        prefs.putDouble("window.width", -5);
        prefs.putDouble("window.height", 700);
        prefs.putDouble("window.x", 0);
        prefs.putDouble("window.y", 0);
        assertTrue(WindowGeometry.read(prefs).isEmpty());
    }

    @Test
    void aWindowLeftOnAScreenThatIsGoneComesBackOnOneThatExists() {
        WindowGeometry onUnpluggedMonitor = new WindowGeometry(2500, 200, 1200, 800, false);
        assertEquals(
                new WindowGeometry(720, 200, 1200, 800, false), onUnpluggedMonitor.fitTo(List.of(SCREEN), 1024, 700));
    }

    @Test
    void itIsNoLargerThanTheScreenNorSmallerThanTheLayoutNeeds() {
        assertEquals(
                new WindowGeometry(0, 0, 1920, 1080, false),
                new WindowGeometry(-50, -20, 3000, 2000, false).fitTo(List.of(SCREEN), 1024, 700));
        assertEquals(
                new WindowGeometry(100, 100, 1024, 700, false),
                new WindowGeometry(100, 100, 600, 400, false).fitTo(List.of(SCREEN), 1024, 700));
    }

    @Test
    void itStaysOnTheScreenItOverlapsMost() {
        Rectangle2D second = new Rectangle2D(1920, 0, 1280, 1024);
        WindowGeometry mostlyOnSecond = new WindowGeometry(1800, 100, 1100, 760, false);
        assertEquals(
                new WindowGeometry(1920, 100, 1100, 760, false),
                mostlyOnSecond.fitTo(List.of(SCREEN, second), 1024, 700));
    }

    @Test
    void theDefaultIsCentred() {
        assertEquals(new WindowGeometry(280, 110, 1360, 860, false), WindowGeometry.centred(SCREEN, 1360, 860));
    }
}
