package org.latentlens.tensorflow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.tensorflow.engine.TfSymbolBlock;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.latentlens.core.model.Discrimination;
import org.latentlens.core.model.Encoding;
import org.latentlens.core.model.FeatureMaps;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.Frame;
import org.latentlens.core.model.FrameParts;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.ImageLayout;
import org.latentlens.core.model.InferenceException;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.ModelRole;
import org.latentlens.core.model.OcclusionSaliency;
import org.latentlens.core.model.RoleBinding;
import org.latentlens.core.model.SaliencyMaps;
import org.latentlens.core.model.ServedRoles;
import org.latentlens.core.model.SignatureNames;

/**
 * A bundle loaded through DJL's TensorFlow engine. One SavedModel session serves all signatures;
 * TensorFlow sessions are thread-safe, and every call works in its own NDManager scope, so calls
 * from several threads are fine. Tensor names and the image layout follow the manifest's roles, so the rest
 * of Latent Lens always sees our names and NHWC.
 */
final class DjlGanModel implements GanModel {
    private final ZooModel<NDList, NDList> model;
    private final ModelManifest manifest;
    private final Map<ModelRole, RoleBinding> roles;
    private final Map<ModelRole, TfSymbolBlock> blocks;
    /** What the rest of Latent Lens may ask: served roles, saliency also from discriminate. */
    private final ServedRoles served;

    /**
     * The bundle's optional signatures by name: the combined frame signatures ({@link SignatureNames#FRAME_ENCODE} and
     * the others) and {@link SignatureNames#ACTIVATIONS}.
     */
    private final Map<String, TfSymbolBlock> optional;

    DjlGanModel(
            ZooModel<NDList, NDList> model,
            ModelManifest manifest,
            Map<ModelRole, RoleBinding> roles,
            Map<ModelRole, TfSymbolBlock> blocks,
            Map<String, TfSymbolBlock> optional) {
        this.model = model;
        this.manifest = manifest;
        this.roles = Map.copyOf(roles);
        this.blocks = Map.copyOf(blocks);
        this.optional = Map.copyOf(optional);
        this.served = new ServedRoles(this.blocks.keySet());
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
    public ImageBatch generate(FloatMatrix z) {
        ServedRoles.checkCodes(manifest, z);
        return run(
                ModelRole.GENERATE,
                m -> {
                    NDArray in = InputTensors.create(m, z.data(), new Shape(z.rows(), z.cols()));
                    in.setName(name(ModelRole.GENERATE, SignatureNames.Z));
                    return in;
                },
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
                        OutputTensors.toFloats(output(out, ModelRole.DISCRIMINATE, SignatureNames.REALISM)),
                        attributes(out, ModelRole.DISCRIMINATE, images.count())));
    }

    @Override
    public SaliencyMaps saliency(ImageBatch images) {
        if (!blocks.containsKey(ModelRole.SALIENCY)) {
            if (!supports(ModelRole.SALIENCY)) {
                throw new UnsupportedOperationException(
                        "model '" + manifest.name() + "' has neither a saliency nor a " + "discriminate signature");
            }
            return OcclusionSaliency.compute(this, images);
        }
        return run(ModelRole.SALIENCY, m -> imageInput(m, ModelRole.SALIENCY, images), out -> {
            NDArray map = output(out, ModelRole.SALIENCY, SignatureNames.SALIENCY_MAP);
            long[] s = map.getShape().getShape();
            return new SaliencyMaps((int) s[0], (int) s[1], (int) s[2], OutputTensors.toFloats(map));
        });
    }

    /**
     * One session call where the bundle has a frame signature covering {@code parts} (the smallest such), else the
     * separate calls. The frame signatures run the same ops as the separate signatures, on the same image.
     */
    @Override
    public Frame frame(FloatMatrix z, FrameParts parts) {
        String key = frameSignature(parts);
        TfSymbolBlock block = key == null ? null : optional.get(key);
        if (block == null) {
            return Frame.bySeparateCalls(this, z, parts);
        }
        ServedRoles.checkCodes(manifest, z);
        return call(
                block,
                key,
                m -> {
                    NDArray in = InputTensors.create(m, z.data(), new Shape(z.rows(), z.cols()));
                    in.setName(SignatureNames.Z);
                    return in;
                },
                out -> {
                    ImageBatch images = toImages(named(out, key, SignatureNames.IMAGE));
                    FloatMatrix encoded =
                            parts.encoder() ? toMatrix(named(out, key, SignatureNames.ENCODED_ATTRIBUTES)) : null;
                    Discrimination d = parts.discriminator()
                            ? new Discrimination(
                                    OutputTensors.toFloats(named(out, key, SignatureNames.REALISM)),
                                    toMatrix(named(out, key, SignatureNames.JUDGED_ATTRIBUTES)))
                            : null;
                    SaliencyMaps saliency = null;
                    if (parts.saliency()) {
                        NDArray map = named(out, key, SignatureNames.SALIENCY_MAP);
                        long[] s = map.getShape().getShape();
                        saliency = new SaliencyMaps((int) s[0], (int) s[1], (int) s[2], OutputTensors.toFloats(map));
                    }
                    return new Frame(images, encoded, d, saliency);
                });
    }

    /** The smallest frame signature that covers {@code parts}; null when none does (no encoder readout asked). */
    static String frameSignature(FrameParts parts) {
        if (!parts.encoder()) {
            return null;
        }
        return parts.saliency()
                ? SignatureNames.FRAME_SALIENCY
                : parts.discriminator() ? SignatureNames.FRAME_INSPECT : SignatureNames.FRAME_ENCODE;
    }

    /** Whether the bundle has the combined frame signatures (for the benchmark's before/after). */
    boolean hasFrameSignatures() {
        return optional.containsKey(SignatureNames.FRAME_ENCODE);
    }

    @Override
    public boolean hasActivations() {
        return optional.containsKey(SignatureNames.ACTIVATIONS);
    }

    @Override
    public List<FeatureMaps> activations(float[] code) {
        TfSymbolBlock block = optional.get(SignatureNames.ACTIVATIONS);
        if (block == null) {
            return GanModel.super.activations(code);
        }
        FloatMatrix z = FloatMatrix.ofRow(code);
        ServedRoles.checkCodes(manifest, z);
        return call(
                block,
                SignatureNames.ACTIVATIONS,
                m -> {
                    NDArray in = InputTensors.create(m, z.data(), new Shape(1, z.cols()));
                    in.setName(SignatureNames.Z);
                    return in;
                },
                out -> {
                    List<FeatureMaps> levels = new ArrayList<>();
                    for (int i = 0; out.get(SignatureNames.level(i)) != null; i++) {
                        NDArray a = out.get(SignatureNames.level(i));
                        long[] s = a.getShape().getShape();
                        if (s.length != 4 || s[1] != s[2]) {
                            throw new InferenceException("model '" + manifest.name() + "': activations level " + i
                                    + " has shape " + a.getShape() + ", not [1, s, s, channels]");
                        }
                        levels.add(new FeatureMaps((int) s[1], (int) s[3], OutputTensors.toFloats(a)));
                    }
                    return levels;
                });
    }

    private NDArray named(NDList out, String signature, String name) {
        NDArray a = out.get(name);
        if (a == null) {
            throw new InferenceException("model '" + manifest.name() + "': " + signature + " returned no '" + name
                    + "' (it returned " + out.stream().map(NDArray::getName).toList() + ")");
        }
        return a;
    }

    /** The block that serves {@code role}, or null (for {@link DjlCallProfile}). */
    TfSymbolBlock block(ModelRole role) {
        return blocks.get(role);
    }

    /** The model's root NDManager (for {@link DjlCallProfile}). */
    NDManager manager() {
        return model.getNDManager();
    }

    String name(ModelRole role, String ours) {
        return roles.get(role).tensor(ours);
    }

    private NDArray output(NDList out, ModelRole role, String ours) {
        return named(out, role.key(), name(role, ours));
    }

    /** Attribute logits, or an empty matrix for a model without attributes that leaves the head out. */
    private FloatMatrix attributes(NDList out, ModelRole role, int rows) {
        if (manifest.attributes().isEmpty() && out.get(name(role, SignatureNames.ATTRIBUTES)) == null) {
            return new FloatMatrix(rows, 0, new float[0]);
        }
        return toMatrix(output(out, role, SignatureNames.ATTRIBUTES));
    }

    private NDArray imageInput(NDManager m, ModelRole role, ImageBatch images) {
        ServedRoles.checkImages(manifest, images);
        NDArray in = InputTensors.create(
                m, images.data(), new Shape(images.count(), images.height(), images.width(), images.channels()));
        if (manifest.layout() == ImageLayout.NCHW) {
            in = in.transpose(0, 3, 1, 2);
        }
        in.setName(name(role, SignatureNames.IMAGE));
        return in;
    }

    private <T> T run(ModelRole role, Function<NDManager, NDArray> input, Function<NDList, T> output) {
        TfSymbolBlock block = blocks.get(role);
        if (block == null) {
            throw new UnsupportedOperationException(
                    "model '" + manifest.name() + "' has no " + role.key() + " signature");
        }
        return call(block, role.key(), input, output);
    }

    private <T> T call(
            TfSymbolBlock block, String what, Function<NDManager, NDArray> input, Function<NDList, T> output) {
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDList result = block.forward(new ParameterStore(m, false), new NDList(input.apply(m)), false);
            return output.apply(result);
        } catch (IllegalArgumentException | InferenceException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InferenceException(
                    "model '" + manifest.name() + "' failed in '" + what + "': " + e.getMessage(), e);
        }
    }

    private ImageBatch toImages(NDArray a) {
        if (manifest.layout() == ImageLayout.NCHW && a.getShape().dimension() == 4) {
            a = a.transpose(0, 2, 3, 1);
        }
        long[] s = a.getShape().getShape();
        if (s.length != 4) {
            throw new InferenceException("model '" + manifest.name() + "': generate returned shape " + a.getShape()
                    + ", not a batch of images [N, H, W, C]");
        }
        return new ImageBatch((int) s[0], (int) s[1], (int) s[2], (int) s[3], OutputTensors.toFloats(a));
    }

    private static FloatMatrix toMatrix(NDArray a) {
        long[] s = a.getShape().getShape();
        int cols = s.length > 1 ? (int) s[1] : 1;
        return new FloatMatrix((int) s[0], cols, OutputTensors.toFloats(a));
    }

    @Override
    public void close() {
        // The extra blocks share the primary block's SavedModel; closing the model frees it once.
        model.close();
    }
}
