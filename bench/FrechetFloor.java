import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.latentlens.core.data.Batch;
import org.latentlens.core.data.BatchStream;
import org.latentlens.core.data.Datasets;
import org.latentlens.core.data.ImageDataset;
import org.latentlens.core.data.Splits;
import org.latentlens.core.eval.FrechetDistance;
import org.latentlens.core.eval.Judge;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.ManifestJson;
import org.latentlens.tensorflow.TfJudgeTrainer;

/**
 * The floor of the judge-feature Fréchet distance at the size {@code evaluate} uses: real images against other
 * real images through the run's judge. A model cannot score below it, so it says how far an aim such as 60 lies
 * from "indistinguishable" and how much of a figure is sampling noise.
 *
 * <pre>
 * mvn -q -o package -DskipTests
 * java -cp "target/latent-lens.jar:target/lib/*" bench/FrechetFloor.java RUN celeba:../shared/data/utkface
 * </pre>
 *
 * RUN must hold a judge ({@code RUN/judge}, written by {@code evaluate}).
 */
public class FrechetFloor {
    public static void main(String[] args) throws Exception {
        Path run = Path.of(args[0]);
        ImageSpec spec = ManifestJson.read(run).image();
        ImageDataset all = Datasets.open(args[1], spec.height(), 1);
        ImageDataset heldOut = Splits.heldOut(all);
        ImageDataset training = Splits.training(all);
        int n = Math.min(1000, heldOut.size());
        try (Judge judge = new TfJudgeTrainer().load(run.resolve("judge"))) {
            double[][] held = features(judge, heldOut, spec, first(heldOut.size(), n, 8));
            int[] shuffled = first(training.size(), training.size(), 9);
            for (int draw = 0; draw < 3; draw++) {
                int[] part = Arrays.copyOfRange(shuffled, draw * n, (draw + 1) * n);
                double[][] train = features(judge, training, spec, part);
                System.out.printf(
                        Locale.ROOT,
                        "held-out (%d) vs training images, draw %d (%d): Frechet %.2f%n",
                        held.length,
                        draw + 1,
                        train.length,
                        FrechetDistance.between(held, train));
            }
        }
    }

    /** The first {@code count} of a seeded shuffle of {@code 0..size-1}. */
    private static int[] first(int size, int count, long seed) {
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        Random r = new Random(seed);
        for (int i = size - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, count);
    }

    private static double[][] features(Judge judge, ImageDataset d, ImageSpec spec, int[] order) {
        List<double[]> rows = new ArrayList<>();
        try (BatchStream stream = BatchStream.of(d, spec, 64, order, 2)) {
            while (stream.hasNext()) {
                Batch b = stream.next();
                if (b.count() > 0) {
                    FloatMatrix f = judge.read(b.images()).features();
                    for (int r = 0; r < f.rows(); r++) {
                        float[] row = f.row(r);
                        double[] out = new double[row.length];
                        for (int i = 0; i < row.length; i++) {
                            out[i] = row[i];
                        }
                        rows.add(out);
                    }
                }
            }
        }
        return rows.toArray(double[][]::new);
    }
}
