package org.latentlens.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.model.GanModel;
import org.latentlens.tensorflow.DjlModelLoader;
import org.latentlens.tensorflow.TinyBundles;
import org.latentlens.ui.common.InteractiveActivity;
import org.latentlens.ui.common.LatestWins;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.RenderResult;
import org.latentlens.ui.common.UiExecutor;
import org.latentlens.ui.explore.ExploreViewModel;

/** The explorer's view model on a tiny real model, without the JavaFX toolkit. */
class ExploreViewModelTest {
    @TempDir
    static Path tmp;

    private GanModel model;
    private ExploreViewModel vm;
    private ModelSession session;

    @BeforeEach
    void open() throws Exception {
        Path dir = tmp.resolve("tiny");
        if (!dir.toFile().exists()) {
            TinyBundles.write(dir, 5);
        }
        model = new DjlModelLoader().load(dir);
        session = new ModelSession();
        vm = new ExploreViewModel(UiExecutor.direct(), session);
        session.open(model);
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void movingASliderRendersANewImageWithReadouts() {
        RenderResult first = vm.renderProperty().get();
        assertTrue(first != null, "opening a model renders the default code");
        vm.dimensions().get(0).valueProperty().set(1.4);
        RenderResult second = vm.renderProperty().get();
        assertEquals(1.4f, second.code()[0], 1e-6);
        assertFalse(Arrays.equals(first.pixels(), second.pixels()), "the face changed");
        double readout = vm.dimensions().get(0).readoutProperty().get();
        assertTrue(readout >= 0 && readout <= 1, "semantic sliders show the encoder's probability");
        assertTrue(Double.isNaN(vm.dimensions().get(4).readoutProperty().get()), "free sliders have no readout");
        assertTrue(vm.latencyMillisProperty().get() >= 0);
    }

    @Test
    void everyRenderMarksTheSessionsActivityUntilItIsDoneSoThatTrainingGivesWay() {
        AtomicLong clock = new AtomicLong();
        InteractiveActivity activity = new InteractiveActivity(clock::get);
        ModelSession own = new ModelSession(activity);
        ExploreViewModel explorer = new ExploreViewModel(UiExecutor.direct(), own);
        assertFalse(activity.isActive(100), "nothing rendered yet");
        own.open(model);
        assertTrue(activity.isActive(100), "opening renders the default code");
        clock.addAndGet(100_000_000);
        assertFalse(activity.isActive(100), "the render finished: quiet after 100 ms");
        explorer.dimensions().get(0).valueProperty().set(1.0);
        assertTrue(activity.isActive(100), "a slider move is activity");
        clock.addAndGet(100_000_000);
        assertFalse(activity.isActive(100));
        // The model is the fixture's: its session closes it, this one is dropped unclosed.
    }

    @Test
    void randomKeepsLockedDimensions() {
        vm.dimensions().get(1).valueProperty().set(-1.2);
        vm.dimensions().get(1).lockedProperty().set(true);
        for (int i = 0; i < 5; i++) {
            vm.randomize();
            assertEquals(-1.2, vm.dimensions().get(1).valueProperty().get(), 1e-6);
        }
        assertNotEquals(0.0, vm.dimensions().get(0).valueProperty().get(), "unlocked ones moved");
    }

    @Test
    void encodingKeepsLockedDimensionsAndClampsToRanges() {
        vm.dimensions().get(0).lockedProperty().set(true);
        vm.applyEncoded(new float[] {9, 9, 0.5f, -0.5f, -99});
        assertEquals(0.0, vm.dimensions().get(0).valueProperty().get(), 1e-6);
        assertEquals(1.5, vm.dimensions().get(1).valueProperty().get(), 1e-6, "clamped to the slider range");
        assertEquals(-3.0, vm.dimensions().get(4).valueProperty().get(), 1e-6);
    }

    @Test
    void undoAndRedoWalkTheEditHistory() {
        float[] start = vm.code();
        vm.beginEdit();
        vm.dimensions().get(2).valueProperty().set(2.0);
        float[] edited = vm.code();
        vm.randomize();
        float[] randomized = vm.code();
        vm.undo();
        assertArrayEquals(edited, vm.code());
        vm.undo();
        assertArrayEquals(start, vm.code());
        assertFalse(vm.canUndoProperty().get());
        vm.redo();
        vm.redo();
        assertArrayEquals(randomized, vm.code());
        assertArrayEquals(randomized, vm.renderProperty().get().code(), "the image follows the history");
    }

    @Test
    void aKeyPressThatChangesNothingRecordsNoUndoStep() {
        float[] start = vm.code();
        vm.beginEdit();
        vm.dimensions().get(0).valueProperty().set(1.0);
        vm.dimensions().get(0).valueProperty().set(1.2);
        float[] dragged = vm.code();
        // The slider keeps focus after the drag: pressing Ctrl (of Ctrl+Z) starts an edit that changes nothing.
        vm.beginEdit();
        assertFalse(vm.canRedoProperty().get());
        vm.undo();
        assertArrayEquals(start, vm.code(), "one undo step per drag, and Ctrl+Z undoes it");
        assertFalse(vm.canUndoProperty().get());
        vm.beginEdit();
        vm.redo();
        assertArrayEquals(dragged, vm.code());
    }

    @Test
    void editsThatChangeNothingRecordNoUndoStep() {
        vm.reset();
        vm.restore(new ExploreViewModel.Bookmark("same", vm.code()));
        assertFalse(vm.canUndoProperty().get(), "nothing moved, nothing to undo");
    }

    @Test
    void bookmarksRestoreCodes() {
        vm.randomize();
        float[] saved = vm.code();
        vm.bookmark("smiley");
        vm.randomize();
        vm.restore(vm.bookmarks().get(0));
        assertEquals("smiley", vm.bookmarks().get(0).name());
        assertArrayEquals(saved, vm.code());
    }

    @Test
    void latestRequestWinsWhileBusy() {
        List<Runnable> queued = new ArrayList<>();
        UiExecutor manual = new UiExecutor() {
            @Override
            public <T> void run(Callable<T> work, Consumer<T> ok, Consumer<Throwable> err) {
                queued.add(() -> {
                    try {
                        ok.accept(work.call());
                    } catch (Exception e) {
                        err.accept(e);
                    }
                });
            }

            @Override
            public void onUiThread(Runnable action) {
                action.run();
            }
        };
        List<Integer> computed = new ArrayList<>();
        List<Integer> applied = new ArrayList<>();
        var latest = new LatestWins<Integer, Integer>(
                manual,
                q -> {
                    computed.add(q);
                    return q;
                },
                applied::add,
                e -> {});
        for (int i = 1; i <= 10; i++) {
            latest.submit(i);
        }
        while (!queued.isEmpty()) {
            queued.remove(0).run();
        }
        assertEquals(List.of(1, 10), computed, "positions 2..9 were stale and dropped");
        assertEquals(List.of(1, 10), applied);
    }
}
