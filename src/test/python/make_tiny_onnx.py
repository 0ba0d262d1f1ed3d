#!/usr/bin/env python3
"""Writes tiny ONNX model bundles, shaped like PyTorch exports, for OnnxBundleTest.

The models are built with the ``onnx`` package's helper API (no PyTorch needed) and are channels-first
(NCHW) like a PyTorch model, with images 12 wide and 8 high so that a height/width mix-up shows:

- ``tiny-onnx/``: ``model.onnx`` (generator), ``encoder.onnx`` and ``discriminator.onnx``, with a manifest
  that maps our tensor names onto the graphs' own names and says ``"layout": "NCHW"``. The generator's
  last activation is a model-local ONNX function, as some exporters write them.
- ``tiny-onnx-generator-only/``: the same generator alone.
- ``tiny-onnx-custom-op/``: a generator with an operator from a custom domain, and a discriminator with
  one inside an ``If`` branch (a subgraph); Latent Lens must refuse both unless trusted.

With ``--reference DIR`` it also writes what the models compute, as float32 ``.npy`` files: ``z`` [N, D],
``image`` [N, H, W, C] (NHWC, our layout), ``latent``, ``encode_attributes``, ``realism`` [N] and
``discriminate_attributes``, the last four for ``image`` as input. The values come from numpy; the script
checks that onnxruntime computes the same before it writes them.

Usage::

    python make_tiny_onnx.py OUT_DIR [--reference DIR]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import onnx
import onnxruntime
from onnx import TensorProto, helper, numpy_helper

ATTRIBUTES = ["Smiling", "Eyeglasses"]
FREE_DIMS = 3
D = len(ATTRIBUTES) + FREE_DIMS
A = len(ATTRIBUTES)
C, H, W = 3, 8, 12
N = 4
# ONNX Runtime 1.21 (the one DJL 0.35 runs) reads IR versions up to 10; opset 17 is what PyTorch's exporters
# have written for years.
OPSET = 17
IR_VERSION = 8
FUNCTION_DOMAIN = "tinygan.functions"
CUSTOM_DOMAIN = "org.example.custom"

RNG = np.random.default_rng(20261125)
GEN_FC_W = RNG.normal(0, 0.6, (D, C * H * W)).astype(np.float32)
GEN_FC_B = RNG.normal(0, 0.1, (C * H * W,)).astype(np.float32)
GEN_CONV_W = RNG.normal(0, 0.3, (C, C, 3, 3)).astype(np.float32)
GEN_CONV_B = RNG.normal(0, 0.1, (C,)).astype(np.float32)
ENC_LATENT_W = RNG.normal(0, 0.1, (C * H * W, D)).astype(np.float32)
ENC_LATENT_B = RNG.normal(0, 0.1, (D,)).astype(np.float32)
ENC_ATTR_W = RNG.normal(0, 0.1, (C * H * W, A)).astype(np.float32)
ENC_ATTR_B = RNG.normal(0, 0.1, (A,)).astype(np.float32)
DIS_CONV_W = RNG.normal(0, 0.3, (4, C, 3, 3)).astype(np.float32)
DIS_CONV_B = RNG.normal(0, 0.1, (4,)).astype(np.float32)
DIS_REAL_W = RNG.normal(0, 0.1, (4 * H * W, 1)).astype(np.float32)
DIS_REAL_B = np.array([0.25], dtype=np.float32)
DIS_ATTR_W = RNG.normal(0, 0.1, (4 * H * W, A)).astype(np.float32)
DIS_ATTR_B = RNG.normal(0, 0.1, (A,)).astype(np.float32)


def init(name: str, array: np.ndarray) -> TensorProto:
    return numpy_helper.from_array(array, name)


def tensor(name: str, *dims) -> onnx.ValueInfoProto:
    """A float32 graph input or output; "n" is the dynamic batch axis."""
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, list(dims))


def model(graph: onnx.GraphProto, functions=(), extra_domains=()) -> onnx.ModelProto:
    opsets = [helper.make_opsetid("", OPSET)] + [helper.make_opsetid(d, 1) for d in extra_domains]
    m = helper.make_model(graph, opset_imports=opsets, functions=list(functions), producer_name="make_tiny_onnx")
    m.ir_version = IR_VERSION
    return m


def generator(custom_op: bool = False) -> onnx.ModelProto:
    """latent_code [n, D] -> rgb [n, C, H, W]: dense, reshape, 3x3 conv, then tanh (a local function)."""
    nodes = [
        helper.make_node("Gemm", ["latent_code", "fc_w", "fc_b"], ["fc"]),
        helper.make_node("Reshape", ["fc", "shape"], ["grid"]),
        helper.make_node("Conv", ["grid", "conv_w", "conv_b"], ["conv"], pads=[1, 1, 1, 1]),
    ]
    if custom_op:
        nodes.append(helper.make_node("Exfiltrate", ["conv"], ["leaked"], domain=CUSTOM_DOMAIN))
        nodes.append(helper.make_node("Tanh", ["leaked"], ["rgb"]))
        functions, domains = [], [CUSTOM_DOMAIN]
    else:
        nodes.append(helper.make_node("Squash", ["conv"], ["rgb"], domain=FUNCTION_DOMAIN))
        squash = helper.make_function(FUNCTION_DOMAIN, "Squash", ["x"], ["y"],
                                      [helper.make_node("Tanh", ["x"], ["y"])], [helper.make_opsetid("", OPSET)])
        functions, domains = [squash], [FUNCTION_DOMAIN]
    graph = helper.make_graph(
        nodes, "generator", [tensor("latent_code", "n", D)], [tensor("rgb", "n", C, H, W)],
        [init("fc_w", GEN_FC_W), init("fc_b", GEN_FC_B), init("shape", np.array([-1, C, H, W], dtype=np.int64)),
         init("conv_w", GEN_CONV_W), init("conv_b", GEN_CONV_B)])
    return model(graph, functions, domains)


def encoder() -> onnx.ModelProto:
    """image [n, C, H, W] -> latent [n, D], attributes [n, A]: our own tensor names, so no roles entry."""
    graph = helper.make_graph(
        [helper.make_node("Flatten", ["image"], ["flat"]),
         helper.make_node("Gemm", ["flat", "latent_w", "latent_b"], ["latent"]),
         helper.make_node("Gemm", ["flat", "attr_w", "attr_b"], ["attributes"])],
        "encoder", [tensor("image", "n", C, H, W)], [tensor("latent", "n", D), tensor("attributes", "n", A)],
        [init("latent_w", ENC_LATENT_W), init("latent_b", ENC_LATENT_B), init("attr_w", ENC_ATTR_W),
         init("attr_b", ENC_ATTR_B)])
    return model(graph)


def discriminator(custom_op: bool = False) -> onnx.ModelProto:
    """x [n, C, H, W] -> score [n, 1], attrs [n, A]: conv, leaky ReLU, two dense heads."""
    nodes = [helper.make_node("Conv", ["x", "conv_w", "conv_b"], ["conv"], pads=[1, 1, 1, 1])]
    domains = []
    if custom_op:
        # The custom operator hides in a branch of an If, as a loop body or branch would hold it.
        branch = helper.make_graph([helper.make_node("Spy", ["conv"], ["spied"], domain=CUSTOM_DOMAIN)],
                                   "then_branch", [], [tensor("spied", "n", 4, H, W)])
        plain = helper.make_graph([helper.make_node("Identity", ["conv"], ["same"])], "else_branch", [],
                                  [tensor("same", "n", 4, H, W)])
        true = helper.make_tensor("v", TensorProto.BOOL, [], [True])
        nodes += [helper.make_node("Constant", [], ["flag"], value=true),
                  helper.make_node("If", ["flag"], ["branched"], then_branch=branch, else_branch=plain),
                  helper.make_node("LeakyRelu", ["branched"], ["act"], alpha=0.2)]
        domains = [CUSTOM_DOMAIN]
    else:
        nodes.append(helper.make_node("LeakyRelu", ["conv"], ["act"], alpha=0.2))
    nodes += [helper.make_node("Flatten", ["act"], ["flat"]),
              helper.make_node("Gemm", ["flat", "real_w", "real_b"], ["score"]),
              helper.make_node("Gemm", ["flat", "attr_w", "attr_b"], ["attrs"])]
    graph = helper.make_graph(
        nodes, "discriminator", [tensor("x", "n", C, H, W)], [tensor("score", "n", 1), tensor("attrs", "n", A)],
        [init("conv_w", DIS_CONV_W), init("conv_b", DIS_CONV_B), init("real_w", DIS_REAL_W),
         init("real_b", DIS_REAL_B), init("attr_w", DIS_ATTR_W), init("attr_b", DIS_ATTR_B)])
    return model(graph, extra_domains=domains)


def conv3x3(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """ONNX Conv (cross-correlation), NCHW, 3x3 kernel, padding 1, stride 1."""
    padded = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
    out = np.zeros((x.shape[0], w.shape[0], x.shape[2], x.shape[3]), dtype=np.float64)
    for ky in range(3):
        for kx in range(3):
            window = padded[:, :, ky:ky + x.shape[2], kx:kx + x.shape[3]]
            out += np.einsum("nchw,oc->nohw", window, w[:, :, ky, kx])
    return out + b[None, :, None, None]


def numpy_generate(z: np.ndarray) -> np.ndarray:
    grid = (z @ GEN_FC_W + GEN_FC_B).reshape(-1, C, H, W)
    return np.tanh(conv3x3(grid, GEN_CONV_W, GEN_CONV_B))


def numpy_encode(image_nchw: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    flat = image_nchw.reshape(image_nchw.shape[0], -1)
    return flat @ ENC_LATENT_W + ENC_LATENT_B, flat @ ENC_ATTR_W + ENC_ATTR_B


def numpy_discriminate(image_nchw: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    conv = conv3x3(image_nchw, DIS_CONV_W, DIS_CONV_B)
    flat = np.where(conv > 0, conv, 0.2 * conv).reshape(image_nchw.shape[0], -1)
    return flat @ DIS_REAL_W + DIS_REAL_B, flat @ DIS_ATTR_W + DIS_ATTR_B


def manifest(name: str, signatures: list[str]) -> dict:
    latent = [{"name": a, "kind": "semantic", "min": -1.5, "max": 1.5, "default": 0.0} for a in ATTRIBUTES]
    latent += [{"name": f"free_{i}", "kind": "free", "min": -3.0, "max": 3.0, "default": 0.0} for i in range(FREE_DIMS)]
    roles = {"generate": {"inputs": {"z": "latent_code"}, "outputs": {"image": "rgb"}}}
    if "discriminate" in signatures:
        roles["discriminate"] = {"inputs": {"image": "x"}, "outputs": {"realism": "score", "attributes": "attrs"}}
    return {
        "format": "latent-lens-model", "formatVersion": 1, "name": name,
        "description": "A tiny channels-first ONNX GAN with random weights, written by make_tiny_onnx.py.",
        "image": {"width": W, "height": H, "channels": C, "range": [-1.0, 1.0], "layout": "NCHW"},
        "latent": latent, "attributes": ATTRIBUTES, "signatures": signatures, "roles": roles,
    }


def write_bundle(folder: Path, name: str, files: dict[str, onnx.ModelProto]) -> None:
    folder.mkdir(parents=True, exist_ok=False)
    role_of = {"model.onnx": "generate", "encoder.onnx": "encode", "discriminator.onnx": "discriminate"}
    for file, m in files.items():
        onnx.save(m, str(folder / file))
    signatures = [role_of[f] for f in role_of if f in files]
    (folder / "manifest.json").write_text(json.dumps(manifest(name, signatures), indent=2) + "\n", encoding="utf-8")


def run_ort(m: onnx.ModelProto, feed: dict[str, np.ndarray]) -> list[np.ndarray]:
    session = onnxruntime.InferenceSession(m.SerializeToString(), providers=["CPUExecutionProvider"])
    return session.run(None, feed)


def check_close(what: str, ours: np.ndarray, ort: np.ndarray) -> None:
    worst = float(np.max(np.abs(ours - ort)))
    if worst > 1e-5:
        raise SystemExit(f"make_tiny_onnx: {what}: numpy and onnxruntime differ by {worst}")


def write_reference(folder: Path, gen: onnx.ModelProto, enc: onnx.ModelProto, dis: onnx.ModelProto) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    z = RNG.normal(0, 1, (N, D)).astype(np.float32)
    image_nchw = numpy_generate(z).astype(np.float32)
    check_close("generate", image_nchw, run_ort(gen, {"latent_code": z})[0])
    latent, enc_attributes = numpy_encode(image_nchw)
    ort_latent, ort_attributes = run_ort(enc, {"image": image_nchw})
    check_close("encode latent", latent, ort_latent)
    check_close("encode attributes", enc_attributes, ort_attributes)
    realism, dis_attributes = numpy_discriminate(image_nchw)
    ort_realism, ort_dis_attributes = run_ort(dis, {"x": image_nchw})
    check_close("discriminate realism", realism, ort_realism)
    check_close("discriminate attributes", dis_attributes, ort_dis_attributes)
    arrays = {
        "z": z,
        "image": image_nchw.transpose(0, 2, 3, 1),  # our layout, NHWC
        "latent": latent, "encode_attributes": enc_attributes,
        "realism": realism.reshape(-1), "discriminate_attributes": dis_attributes,
    }
    for name, array in arrays.items():
        np.save(folder / f"{name}.npy", np.ascontiguousarray(array, dtype=np.float32))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the bundles into (created)")
    parser.add_argument("--reference", type=Path, help="folder for the reference .npy files")
    args = parser.parse_args()
    gen, enc, dis = generator(), encoder(), discriminator()
    for m in (gen, enc, dis):
        onnx.checker.check_model(m, full_check=True)
    write_bundle(args.out / "tiny-onnx", "tiny-onnx-gan",
                 {"model.onnx": gen, "encoder.onnx": enc, "discriminator.onnx": dis})
    write_bundle(args.out / "tiny-onnx-generator-only", "tiny-onnx-generator", {"model.onnx": gen})
    write_bundle(args.out / "tiny-onnx-custom-op", "tiny-onnx-custom-op",
                 {"model.onnx": generator(custom_op=True), "discriminator.onnx": discriminator(custom_op=True)})
    if args.reference:
        write_reference(args.reference, gen, enc, dis)
    print(f"make_tiny_onnx: wrote 3 bundles to {args.out} with onnx {onnx.__version__}, checked with "
          f"onnxruntime {onnxruntime.__version__}")


if __name__ == "__main__":
    main()
