package org.latentlens.core.eval;

import java.util.ArrayList;
import java.util.List;
import org.latentlens.core.data.Batch;
import org.latentlens.core.data.BatchStream;
import org.latentlens.core.data.GroundTruthFactors;
import org.latentlens.core.data.ImageDataset;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ModelRole;

/**
 * An encoder's codes for dataset images beside those images' ground-truth factors, in a seeded random order:
 * the input of {@link DisentanglementScores}. Nuisance factors are left out.
 *
 * @param codes [N][D], the encoder's latent code of each image
 * @param factors [N][K], the scored factors of the same images
 * @param factorNames the K factor names
 */
public record FactorCodes(double[][] codes, double[][] factors, List<String> factorNames) {
    private static final int BATCH = 64;

    /**
     * Encodes up to {@code samples} images of {@code data} (which must also be {@link GroundTruthFactors}).
     *
     * @throws IllegalArgumentException when the data has no ground truth or the model no encoder
     */
    public static FactorCodes collect(GanModel model, ImageDataset data, int samples, long seed) {
        if (!(data instanceof GroundTruthFactors truth)) {
            throw new IllegalArgumentException(data.description() + " has no ground-truth factors; disentanglement is"
                    + " measured on synthetic faces");
        }
        if (!model.supports(ModelRole.ENCODE)) {
            throw new IllegalArgumentException("the model has no encoder, so its code for an image cannot be scored");
        }
        List<Integer> scored = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int k = 0; k < truth.factorNames().size(); k++) {
            if (!truth.nuisanceFactors().contains(truth.factorNames().get(k))) {
                scored.add(k);
                names.add(truth.factorNames().get(k));
            }
        }
        List<double[]> codes = new ArrayList<>();
        List<double[]> factors = new ArrayList<>();
        try (BatchStream stream =
                BatchStream.of(data, model.manifest().image(), BATCH, Evaluator.order(data.size(), samples, seed), 2)) {
            while (stream.hasNext()) {
                Batch b = stream.next();
                if (b.count() == 0) {
                    continue;
                }
                FloatMatrix latent = model.encode(b.images()).latent();
                for (int i = 0; i < b.count(); i++) {
                    double[] code = new double[latent.cols()];
                    for (int d = 0; d < code.length; d++) {
                        code[d] = latent.get(i, d);
                    }
                    codes.add(code);
                    double[] all = truth.factors(b.indices()[i]);
                    factors.add(scored.stream().mapToDouble(k -> all[k]).toArray());
                }
            }
        }
        return new FactorCodes(codes.toArray(double[][]::new), factors.toArray(double[][]::new), List.copyOf(names));
    }
}
