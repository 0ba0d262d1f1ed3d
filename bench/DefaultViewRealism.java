import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.latentlens.ModelLoaders;
import org.latentlens.core.model.DimensionKind;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.LatentDimension;

/**
 * Why the default view reads as it does: the discriminator's score of the opening code against codes that differ
 * from it in the free part, the semantic part or both (drawn from the prior: free N(0, 1), semantic +-1).
 * A diagnosis, not a way to pick an opening code.
 *
 * <pre>
 * mvn -q -o package -DskipTests
 * java -cp "target/latent-lens.jar:target/lib/*" bench/DefaultViewRealism.java models/default [codes]
 * </pre>
 */
public class DefaultViewRealism {
    public static void main(String[] args) throws Exception {
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        try (GanModel model = ModelLoaders.standard().load(Path.of(args[0]))) {
            List<LatentDimension> dims = model.manifest().latent().dimensions();
            float[] defaults = model.manifest().latent().defaults();
            Random random = new Random(42);
            String[] names = {
                "opening code (every slider at its default)",
                "free part drawn, semantic at defaults",
                "semantic part drawn (+-1), free at defaults",
                "both drawn"
            };
            for (int variant = 0; variant < names.length; variant++) {
                boolean drawFree = variant == 1 || variant == 3;
                boolean drawSemantic = variant == 2 || variant == 3;
                List<float[]> codes = new ArrayList<>();
                for (int k = 0; k < count; k++) {
                    float[] z = defaults.clone();
                    for (int i = 0; i < z.length; i++) {
                        boolean free = dims.get(i).kind() == DimensionKind.FREE;
                        if (free && drawFree) {
                            z[i] = (float) random.nextGaussian();
                        } else if (!free && drawSemantic) {
                            z[i] = random.nextBoolean() ? 1f : -1f;
                        }
                    }
                    codes.add(z);
                }
                float[] s = model.discriminate(model.generate(FloatMatrix.ofRows(codes)))
                        .realism();
                Arrays.sort(s);
                System.out.printf(
                        Locale.ROOT,
                        "%-45s D score median %.3f (25th %.3f, 75th %.3f)%n",
                        names[variant],
                        s[count / 2],
                        s[count / 4],
                        s[3 * count / 4]);
            }
        }
    }
}
