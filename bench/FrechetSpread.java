import java.nio.file.Path;
import java.util.ArrayList;
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
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.LatentSampler;
import org.latentlens.tensorflow.DjlModelLoader;
import org.latentlens.tensorflow.TfJudgeTrainer;

/**
 * How much a model's judge-Fréchet distance moves between draws of its random codes: the held-out real images
 * (as {@code evaluate} takes them) against {@code DRAWS} sets of as many generated images, each drawn with another
 * seed, once with the attributes' shares from the manifest and once balanced (every attribute half the time). Two
 * models whose figures differ by less than this spread are not told apart by one {@code evaluate}.
 *
 * <pre>
 * mvn -q -o package -DskipTests
 * java -cp "target/latent-lens.jar:target/lib/*" bench/FrechetSpread.java RUN celeba:../shared/data/utkface [DRAWS]
 * </pre>
 *
 * RUN must hold a judge ({@code RUN/judge}, written by {@code evaluate}).
 */
public class FrechetSpread {
    public static void main(String[] args) throws Exception {
        Path run = Path.of(args[0]);
        int draws = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        try (GanModel model = new DjlModelLoader().load(run);
                Judge judge = new TfJudgeTrainer().load(run.resolve("judge"))) {
            ImageSpec spec = model.manifest().image();
            ImageDataset heldOut = Splits.heldOut(Datasets.open(args[1], spec.height(), 1));
            int n = Math.min(1000, heldOut.size());
            double[][] real = realFeatures(judge, heldOut, spec, n);
            LatentLayout drawn = model.manifest().latent();
            for (String way : List.of("data mix", "balanced")) {
                LatentLayout layout = way.equals("balanced") ? drawn.withoutPresences() : drawn;
                double sum = 0;
                double sumSq = 0;
                StringBuilder each = new StringBuilder();
                for (int d = 1; d <= draws; d++) {
                    double fd = FrechetDistance.between(real, generated(model, judge, layout, n, 1000L + d));
                    sum += fd;
                    sumSq += fd * fd;
                    each.append(String.format(Locale.ROOT, " %.1f", fd));
                }
                double mean = sum / draws;
                double sd = Math.sqrt(Math.max(0, sumSq / draws - mean * mean) * draws / Math.max(1, draws - 1));
                System.out.printf(
                        Locale.ROOT,
                        "%s (%s, %d images a side): mean %.1f, sd %.1f; draws%s%n",
                        run.getFileName(),
                        way,
                        n,
                        mean,
                        sd,
                        each);
            }
        }
    }

    private static double[][] generated(GanModel model, Judge judge, LatentLayout layout, int n, long seed) {
        Random r = new Random(seed);
        List<double[]> rows = new ArrayList<>();
        for (int done = 0; done < n; done += 64) {
            List<float[]> codes = new ArrayList<>();
            for (int i = 0; i < Math.min(64, n - done); i++) {
                codes.add(LatentSampler.sample(layout, r));
            }
            add(rows, judge.read(model.generate(FloatMatrix.ofRows(codes))).features());
        }
        return rows.toArray(double[][]::new);
    }

    private static double[][] realFeatures(Judge judge, ImageDataset d, ImageSpec spec, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        List<double[]> rows = new ArrayList<>();
        try (BatchStream stream = BatchStream.of(d, spec, 64, order, 2)) {
            while (stream.hasNext()) {
                Batch b = stream.next();
                if (b.count() > 0) {
                    add(rows, judge.read(b.images()).features());
                }
            }
        }
        return rows.toArray(double[][]::new);
    }

    private static void add(List<double[]> rows, FloatMatrix f) {
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
