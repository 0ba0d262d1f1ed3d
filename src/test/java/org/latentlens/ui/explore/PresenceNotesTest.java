package org.latentlens.ui.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.latentlens.core.model.LatentDimension;

class PresenceNotesTest {
    private static LatentDimension attr(String name, float presence) {
        return LatentDimension.semantic(name, 1.5f).withPresence(presence);
    }

    @Test
    void saysHowCommonAnAttributeIsAndThatRandomFollowsIt() {
        assertEquals(
                Optional.of("In 4.1 % of the training images; Random draws it as often"),
                PresenceNotes.of(attr("Black", 0.0415f)));
        assertEquals(
                Optional.of("In 58 % of the training images; Random draws it as often"),
                PresenceNotes.of(attr("Young", 0.5799f)));
        assertEquals(Optional.empty(), PresenceNotes.of(LatentDimension.semantic("Smiling", 1.5f)));
    }

    @Test
    void aFactorListsItsMixOnlyWhenEveryValueHasAShare() {
        assertEquals(
                Optional.of(
                        "In the training images: White 54 %, Black 4.1 %, Other Race 11 %; Random draws them in that"
                                + " mix"),
                PresenceNotes.ofValues(
                        List.of(attr("White", 0.54f), attr("Black", 0.0415f), attr("Other_Race", 0.1115f))));
        assertEquals(
                Optional.empty(),
                PresenceNotes.ofValues(List.of(attr("White", 0.54f), LatentDimension.semantic("Black", 1.5f))));
    }
}
