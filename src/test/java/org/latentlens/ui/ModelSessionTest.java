package org.latentlens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.latentlens.core.faces.FaceFinder;
import org.latentlens.core.model.FakeGanModel;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.ModelRole;
import org.latentlens.core.model.TrainingRecord;
import org.latentlens.ui.common.ModelSession;
import org.latentlens.ui.common.UiExecutor;
import org.latentlens.ui.encode.EncodeViewModel;
import org.latentlens.ui.explore.ExploreViewModel;
import org.latentlens.ui.inspect.InspectViewModel;
import org.latentlens.ui.inspect.RealismStatement;

/** One owner for the open model: it closes replaced models when their work ends, and features follow what it can do. */
class ModelSessionTest {
    private static ModelManifest manifest() {
        return new ModelManifest(
                1,
                "fake",
                "",
                ImageSpec.rgbSquare(8),
                LatentLayout.of(List.of("Smiling"), 1, 1.5f, 3f),
                List.of("Smiling"),
                List.of(),
                null,
                Map.of());
    }

    @Test
    void aReplacedModelIsClosedWhenItsLastLeaseEndsNotBefore() {
        ModelSession session = new ModelSession();
        FakeGanModel first = new FakeGanModel(manifest());
        FakeGanModel second = new FakeGanModel(manifest());
        FakeGanModel third = new FakeGanModel(manifest());
        session.open(first);
        ModelSession.Lease inFlight = session.lease(first).orElseThrow();
        session.open(second);
        assertFalse(first.isClosed(), "an encode still computes with it");
        assertTrue(session.lease(first).isEmpty(), "no new work starts on a replaced model");
        inFlight.close();
        assertTrue(first.isClosed());
        session.open(third);
        assertTrue(second.isClosed(), "nothing used it: closed at once");
        session.close();
        assertTrue(third.isClosed());
        assertFalse(session.holdsModels());
    }

    @Test
    void closingTheSessionMidRenderClosesTheModelWhenTheRenderEnds() {
        ModelSession session = new ModelSession();
        FakeGanModel replaced = new FakeGanModel(manifest());
        FakeGanModel current = new FakeGanModel(manifest());
        session.open(replaced);
        ModelSession.Lease encoding = session.lease(replaced).orElseThrow();
        session.open(current);
        ModelSession.Lease rendering = session.lease(current).orElseThrow();
        session.close();
        assertFalse(current.isClosed(), "a render still computes with it: freeing it now would crash TensorFlow");
        assertFalse(replaced.isClosed());
        assertTrue(session.lease(current).isEmpty(), "no new work starts once the session is closed");
        rendering.close();
        assertTrue(current.isClosed());
        encoding.close();
        assertTrue(replaced.isClosed());
        assertFalse(session.holdsModels());
    }

    @Test
    void aGeneratorOnlyModelExploresWithoutReadoutsAndRefusesToEncodeSayingWhy() {
        ModelSession session = new ModelSession();
        ExploreViewModel explore = new ExploreViewModel(UiExecutor.direct(), session);
        InspectViewModel inspect = new InspectViewModel(session);
        EncodeViewModel encode =
                new EncodeViewModel(UiExecutor.direct(), session, FaceFinder.unavailable("not needed"));
        FakeGanModel generatorOnly = new FakeGanModel(manifest(), EnumSet.of(ModelRole.GENERATE));
        session.open(generatorOnly);
        assertFalse(session.canEncodeProperty().get());
        assertFalse(session.canDiscriminateProperty().get());
        assertTrue(session.renderProperty().get() != null, "it renders");
        explore.dimensions().get(0).valueProperty().set(1.2);
        assertEquals(1.2f, session.renderProperty().get().code()[0], 1e-6);
        assertTrue(Double.isNaN(explore.dimensions().get(0).readoutProperty().get()), "no encoder, no readout");
        assertEquals(RealismStatement.NONE, inspect.realismStatementProperty().get());
        encode.encode(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB));
        assertTrue(
                encode.errorProperty().get().contains("has no encoder, so images cannot be encoded"),
                encode.errorProperty().get());
    }

    @Test
    void framesAskTheDiscriminatorOnlyWhileInspectShows() {
        ModelSession session = new ModelSession();
        new ExploreViewModel(UiExecutor.direct(), session);
        FakeGanModel model = new FakeGanModel(manifest());
        model.setRealism(3.5f);
        session.inspectVisibleProperty().set(false);
        session.open(model);
        assertTrue(Float.isNaN(session.renderProperty().get().realism()));
        session.inspectVisibleProperty().set(true);
        assertEquals(3.5f, session.renderProperty().get().realism(), "showing Inspect renders again, with realism");
        assertTrue(session.renderProperty().get().saliency() == null, "the overlay is off by default");
    }

    @Test
    void aPoorReconstructionAlwaysSaysTheModelsDomain() {
        ModelSession session = new ModelSession();
        new ExploreViewModel(UiExecutor.direct(), session);
        EncodeViewModel encode =
                new EncodeViewModel(UiExecutor.direct(), session, FaceFinder.unavailable("not needed"));
        ModelManifest synthetic = manifest().withTraining(new TrainingRecord("synthetic(seed=1)", 10, "", Map.of()));
        session.open(new FakeGanModel(synthetic));
        // The fake reconstructs every picture as flat grey: a white-and-black photo cannot come back.
        BufferedImage photo = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                photo.setRGB(x, y, (x + y) % 2 == 0 ? 0xFFFFFF : 0);
            }
        }
        encode.encode(photo);
        String text = encode.metricsProperty().get();
        assertTrue(text.startsWith("Reconstruction: PSNR"), text);
        assertTrue(text.contains("Poor reconstruction") && text.contains("real photos will not reconstruct"), text);
    }
}
