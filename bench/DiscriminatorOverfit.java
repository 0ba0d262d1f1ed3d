import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.latentlens.core.data.Batch;
import org.latentlens.core.data.BatchStream;
import org.latentlens.core.data.Datasets;
import org.latentlens.core.data.ImageDataset;
import org.latentlens.core.data.Splits;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentSampler;
import org.latentlens.tensorflow.DjlModelLoader;

/**
 * Whether a model's discriminator has learnt its training photos by heart: D's realism scores on as many training
 * images as there are held-out ones (up to 1,000 each), on the held-out images and on generated images. A D that
 * overfits scores training photos above held-out ones (the rank AUC of training against held-out moves from 0.5
 * towards 1) and calls most training photos real (ADA's overfitting heuristic r_t = E[sign D(x_train)], which ADA
 * keeps near 0.6). DiffAugment and ADA exist to stop that; where this reads about 0.5 there is nothing for them
 * to stop yet.
 *
 * <pre>
 * mvn -q -o package -DskipTests
 * java -cp "target/latent-lens.jar:target/lib/*" bench/DiscriminatorOverfit.java RUN celeba:../shared/data/utkface
 * </pre>
 */
public class DiscriminatorOverfit {
    public static void main(String[] args) throws Exception {
        Path run = Path.of(args[0]);
        try (GanModel model = new DjlModelLoader().load(run)) {
            ImageSpec spec = model.manifest().image();
            ImageDataset all = Datasets.open(args[1], spec.height(), 1);
            ImageDataset heldOut = Splits.heldOut(all);
            ImageDataset training = Splits.training(all);
            int n = Math.min(1000, heldOut.size());
            double[] held = scores(model, heldOut, spec, spread(heldOut.size(), n));
            double[] train = scores(model, training, spec, spread(training.size(), n));
            double[] fake = generated(model, n);
            System.out.printf(
                    Locale.ROOT,
                    "%s (%d images each): D median training %.2f, held-out %.2f, generated %.2f;"
                            + " AUC training vs held-out %.3f; r_t training %.3f, held-out %.3f;"
                            + " AUC held-out vs generated %.3f%n",
                    run.getFileName(),
                    n,
                    median(train),
                    median(held),
                    median(fake),
                    auc(train, held),
                    meanSign(train),
                    meanSign(held),
                    auc(held, fake));
        }
    }

    /** {@code n} indices spread evenly over {@code size}, so both splits are sampled the same way. */
    private static int[] spread(int size, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (int) ((long) i * size / n);
        }
        return order;
    }

    private static double[] scores(GanModel model, ImageDataset d, ImageSpec spec, int[] order) {
        double[] out = new double[order.length];
        int at = 0;
        try (BatchStream stream = BatchStream.of(d, spec, 64, order, 2)) {
            while (stream.hasNext()) {
                Batch b = stream.next();
                if (b.count() > 0) {
                    for (float s : model.discriminate(b.images()).realism()) {
                        out[at++] = s;
                    }
                }
            }
        }
        return Arrays.copyOf(out, at);
    }

    private static double[] generated(GanModel model, int n) {
        Random r = new Random(7);
        double[] out = new double[n];
        for (int done = 0; done < n; done += 64) {
            int count = Math.min(64, n - done);
            float[][] codes = new float[count][];
            for (int i = 0; i < count; i++) {
                codes[i] = LatentSampler.sample(model.manifest().latent(), r);
            }
            float[] s = model.discriminate(model.generate(FloatMatrix.ofRows(Arrays.asList(codes))))
                    .realism();
            for (int i = 0; i < count; i++) {
                out[done + i] = s[i];
            }
        }
        return out;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double meanSign(double[] v) {
        return Arrays.stream(v).map(Math::signum).average().orElse(Double.NaN);
    }

    /** The probability that a score from {@code a} exceeds one from {@code b} (ties count half). */
    private static double auc(double[] a, double[] b) {
        double wins = 0;
        for (double x : a) {
            for (double y : b) {
                wins += x > y ? 1 : x == y ? 0.5 : 0;
            }
        }
        return wins / ((double) a.length * b.length);
    }
}
