package org.latentlens.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import org.latentlens.core.model.Discrimination;
import org.latentlens.core.model.Encoding;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.ImageLayout;
import org.latentlens.core.model.InferenceException;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.ModelRole;
import org.latentlens.core.model.OcclusionSaliency;
import org.latentlens.core.model.SaliencyMaps;
import org.latentlens.core.model.ServedRoles;
import org.latentlens.core.model.SignatureNames;

/**
 * An ONNX bundle loaded through DJL's ONNX Runtime engine: one session per role file. ONNX Runtime sessions may
 * be run from several threads at once, and every call works in its own NDManager scope, so calls from several
 * threads are fine. Tensor names and the image layout follow the manifest, so the rest of Latent Lens always sees
 * our names and NHWC.
 */
final class OnnxGanModel implements GanModel {
    private final ModelManifest manifest;
    private final Map<ModelRole, ZooModel<NDList, NDList>> sessions;
    /** What the rest of Latent Lens may ask: served roles, saliency also from discriminate. */
    private final ServedRoles served;

    OnnxGanModel(ModelManifest manifest, Map<ModelRole, ZooModel<NDList, NDList>> sessions) {
        this.manifest = manifest;
        this.sessions = new EnumMap<>(sessions);
        this.served = new ServedRoles(this.sessions.keySet());
    }

    @Override
    public ModelManifest manifest() {
        return manifest;
    }

    @Override
    public boolean supports(ModelRole role) {
        return served.supports(role);
    }

    @Override
    public boolean approximates(ModelRole role) {
        return served.approximates(role);
    }

    @Override
    public String source(ModelRole role) {
        return OnnxModelLoader.fileFor(role);
    }

    @Override
    public ImageBatch generate(FloatMatrix z) {
        ServedRoles.checkCodes(manifest, z);
        return run(
                ModelRole.GENERATE,
                m -> named(m.create(z.data(), new Shape(z.rows(), z.cols())), ModelRole.GENERATE, SignatureNames.Z),
                out -> toImages(output(out, ModelRole.GENERATE, SignatureNames.IMAGE)));
    }

    @Override
    public Encoding encode(ImageBatch images) {
        return run(
                ModelRole.ENCODE,
                m -> imageInput(m, ModelRole.ENCODE, images),
                out -> new Encoding(
                        toMatrix(output(out, ModelRole.ENCODE, SignatureNames.LATENT)),
                        attributes(out, ModelRole.ENCODE, images.count())));
    }

    @Override
    public Discrimination discriminate(ImageBatch images) {
        return run(
                ModelRole.DISCRIMINATE,
                m -> imageInput(m, ModelRole.DISCRIMINATE, images),
                out -> new Discrimination(
                        output(out, ModelRole.DISCRIMINATE, SignatureNames.REALISM)
                                .toFloatArray(),
                        attributes(out, ModelRole.DISCRIMINATE, images.count())));
    }

    @Override
    public SaliencyMaps saliency(ImageBatch images) {
        if (!sessions.containsKey(ModelRole.SALIENCY)) {
            if (!supports(ModelRole.SALIENCY)) {
                throw new UnsupportedOperationException(
                        "model '" + manifest.name() + "' has neither " + OnnxModelLoader.fileFor(ModelRole.SALIENCY)
                                + " nor " + OnnxModelLoader.fileFor(ModelRole.DISCRIMINATE));
            }
            return OcclusionSaliency.compute(this, images);
        }
        return run(ModelRole.SALIENCY, m -> imageInput(m, ModelRole.SALIENCY, images), out -> {
            NDArray map = output(out, ModelRole.SALIENCY, SignatureNames.SALIENCY_MAP);
            long[] s = map.getShape().getShape();
            if (s.length != 3) {
                throw new InferenceException("model '" + manifest.name() + "': saliency returned shape "
                        + map.getShape() + ", not maps [N, H, W]");
            }
            return new SaliencyMaps((int) s[0], (int) s[1], (int) s[2], map.toFloatArray());
        });
    }

    private NDArray named(NDArray array, ModelRole role, String ours) {
        array.setName(manifest.binding(role).tensor(ours));
        return array;
    }

    private NDArray output(NDList out, ModelRole role, String ours) {
        String theirs = manifest.binding(role).tensor(ours);
        NDArray a = out.get(theirs);
        if (a == null) {
            throw new InferenceException("model '" + manifest.name() + "': " + OnnxModelLoader.fileFor(role)
                    + " returned no '" + theirs + "' (it returned "
                    + out.stream().map(NDArray::getName).toList() + ")");
        }
        return a;
    }

    /** Attribute logits, or an empty matrix for a model without attributes that leaves the head out. */
    private FloatMatrix attributes(NDList out, ModelRole role, int rows) {
        if (manifest.attributes().isEmpty()
                && out.get(manifest.binding(role).tensor(SignatureNames.ATTRIBUTES)) == null) {
            return new FloatMatrix(rows, 0, new float[0]);
        }
        return toMatrix(output(out, role, SignatureNames.ATTRIBUTES));
    }

    private NDArray imageInput(NDManager m, ModelRole role, ImageBatch images) {
        ServedRoles.checkImages(manifest, images);
        int n = images.count();
        int h = images.height();
        int w = images.width();
        int c = images.channels();
        NDArray in = manifest.layout() == ImageLayout.NCHW
                ? m.create(ChannelsFirst.fromNhwc(images.data(), n, h, w, c), new Shape(n, c, h, w))
                : m.create(images.data(), new Shape(n, h, w, c));
        return named(in, role, SignatureNames.IMAGE);
    }

    private <T> T run(ModelRole role, Function<NDManager, NDArray> input, Function<NDList, T> output) {
        ZooModel<NDList, NDList> session = sessions.get(role);
        if (session == null) {
            throw new UnsupportedOperationException("model '" + manifest.name() + "' has no " + role.key() + " ("
                    + OnnxModelLoader.fileFor(role) + ")");
        }
        try (NDManager m = session.getNDManager().newSubManager()) {
            NDList result = session.getBlock().forward(new ParameterStore(m, false), new NDList(input.apply(m)), false);
            return output.apply(result);
        } catch (IllegalArgumentException | InferenceException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InferenceException(
                    "model '" + manifest.name() + "' failed in '" + role.key() + "' (" + OnnxModelLoader.fileFor(role)
                            + "): " + e.getMessage(),
                    e);
        }
    }

    private ImageBatch toImages(NDArray a) {
        long[] s = a.getShape().getShape();
        if (s.length != 4) {
            throw new InferenceException("model '" + manifest.name() + "': generate returned shape " + a.getShape()
                    + ", not a batch of images");
        }
        float[] data = a.toFloatArray();
        if (manifest.layout() == ImageLayout.NCHW) {
            int n = (int) s[0];
            int c = (int) s[1];
            int h = (int) s[2];
            int w = (int) s[3];
            return new ImageBatch(n, h, w, c, ChannelsFirst.toNhwc(data, n, c, h, w));
        }
        return new ImageBatch((int) s[0], (int) s[1], (int) s[2], (int) s[3], data);
    }

    private static FloatMatrix toMatrix(NDArray a) {
        long[] s = a.getShape().getShape();
        int cols = s.length > 1 ? (int) s[1] : 1;
        return new FloatMatrix((int) s[0], cols, a.toFloatArray());
    }

    @Override
    public void close() {
        sessions.values().forEach(ZooModel::close);
    }
}
