package org.latentlens.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.LoadOptions;
import org.latentlens.core.model.OperationReport;
import org.latentlens.core.model.UntrustedModelException;

/** Real SavedModels through the operation allowlist: ours pass, a file-touching one is stopped before it runs. */
class UntrustedModelTest {
    @TempDir
    Path tmp;

    @Test
    void ourExportWithEveryFourSignaturesUsesOnlyAllowedOperations() throws Exception {
        Path dir = TinyBundles.write(tmp.resolve("tiny"), 3);
        OperationReport report = new DjlModelLoader().scanOperations(dir).orElseThrow();
        assertTrue(report.allAllowed(), report.refused().toString());
        // E, G, D, the saliency gradient and the saver: dozens of kinds, the checkpoint ops among them.
        assertTrue(report.kinds() > 25, report.summary());
        assertEquals(report.kinds() + " kinds, all allowed", report.summary());
    }

    @Test
    void theBundledDefaultModelAndItsJudgeUseOnlyAllowedOperations() throws Exception {
        Path bundled = Path.of("models/default");
        OperationReport model = new DjlModelLoader().scanOperations(bundled).orElseThrow();
        assertTrue(model.allAllowed(), model.refused().toString());
        OperationReport judge = SavedModelScan.scan(bundled.resolve("judge").resolve(DjlModelLoader.SAVED_MODEL_DIR));
        assertTrue(judge.allAllowed(), judge.refused().toString());
    }

    @Test
    void aModelThatReadsAndWritesFilesIsRefusedBeforeItRunsAndOpensWhenTrusted() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "not for models");
        Path target = tmp.resolve("written-by-model.txt");
        Path dir = HostileBundle.write(tmp.resolve("hostile"), secret, target);
        DjlModelLoader loader = new DjlModelLoader();

        UntrustedModelException e = assertThrows(UntrustedModelException.class, () -> loader.load(dir));
        String m = e.getMessage();
        assertTrue(m.startsWith("Model 'hostile' contains operation '"), m);
        assertTrue(m.contains("'WriteFile' (in the graph, used by the init op '" + HostileBundle.INIT_OP + "')"), m);
        assertTrue(m.matches("(?s).*'ReadFile' \\(in function '[^']+', called by signature 'generate'\\).*"), m);
        assertTrue(m.contains("which can read or write files") && m.contains("--trust"), m);
        assertFalse(Files.exists(target), "nothing of the model ran");
        // File access is named first; string handling (StringLength) is refused too, as no GAN needs it.
        assertEquals(
                List.of("WriteFile", "ReadFile", "StringLength"),
                e.report().refused().stream()
                        .map(OperationReport.Refusal::operation)
                        .toList());

        try (GanModel model = loader.load(dir, LoadOptions.TRUSTED)) {
            // Proof that the refusal mattered: loading runs the init op, which writes the file.
            assertEquals(HostileBundle.PAYLOAD, Files.readString(target));
            assertEquals(
                    TinyBundles.SIZE,
                    model.generate(FloatMatrix.ofRow(new float[5])).height());
        }
    }
}
