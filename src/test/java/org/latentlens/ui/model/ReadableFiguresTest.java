package org.latentlens.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadableFiguresTest {
    @Test
    void saysWhatEachFigureMeansAndWhetherItIsGood() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("steerability.Smiling", 0.98);
        m.put("steerability.Narrow_Eyes", 0.855);
        m.put("steerability.mean", 0.9175);
        m.put("leakage.mean", 0.08);
        m.put("reconstruction.psnr", 20.3);
        List<String> lines = ReadableFigures.lines(m);
        assertEquals(
                List.of(
                        "Sliders do what their names say in 92% of sweeps (fair; aim 95%).",
                        "  Least reliable slider: Narrow Eyes (86%).",
                        "Moving one slider changes 8% of the other attributes on average (fair; aim at most 5%).",
                        "Encoded images come back at 20.3 dB PSNR (recognisable; 24 dB and up looks like the same image)."),
                lines);
    }

    @Test
    void aFrechetDistanceAveragedOverDrawsSaysHowMuchTheDrawsDiffer() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("realism.judgeFrechet", 63.94);
        assertEquals(
                List.of("Distance of its images from real ones in the judge's eyes: 64 (lower is more realistic;"
                        + " compare only between models measured with the same judge)."),
                ReadableFigures.lines(m));
        m.put("realism.judgeFrechet.sd", 3.9);
        m.put("realism.judgeFrechet.draws", 5.0);
        assertEquals(
                List.of("Distance of its images from real ones in the judge's eyes: 64, mean of 5 draws of its images,"
                        + " which differ by about 4 (lower is more realistic; compare only between models measured"
                        + " with the same judge)."),
                ReadableFigures.lines(m));
    }
}
