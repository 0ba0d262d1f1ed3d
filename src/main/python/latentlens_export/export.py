"""Writes a Latent Lens model bundle (manifest.json + saved_model/) from Keras 3 models.

The SavedModel is written through ``keras.export.ExportArchive``. Do not wrap Keras 3 models in a
``tf.Module`` and call ``tf.saved_model.save`` on it: Keras 3 variables held as attributes of a
``tf.Module`` are saved twice, and the signatures read the copy that is never restored, so the
bundle loads and then fails on the first call with "Could not find variable ...".

The bundle contract is docs/model-format.md. In short, with D latent dimensions, A attributes and
images of H x W x C in ``value_range``:

- ``generate``: ``z`` [N, D] -> ``image`` [N, H, W, C]
- ``encode``: ``image`` -> ``latent`` [N, D], ``attributes`` [N, A] (logits)
- ``discriminate``: ``image`` -> ``realism`` [N] (logit), ``attributes`` [N, A] (logits)
- ``saliency``: ``image`` -> ``saliency`` [N, H, W], |d realism / d pixel| summed over channels
"""

from __future__ import annotations

import json
import os
import shutil
import time
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import keras
import numpy as np
import tensorflow as tf

FORMAT_VERSION = 1
"""The bundle format version this exporter writes (manifest ``formatVersion``)."""

# Largest difference allowed between a model run eagerly and the same model run from the written
# SavedModel when the exporter checks its own output (relative for values above 1).
_RELOAD_TOLERANCE = 1e-4


def export_bundle(
    out_dir: str | os.PathLike[str],
    generator: keras.Model,
    encoder: keras.Model | None = None,
    discriminator: keras.Model | None = None,
    *,
    name: str,
    attributes: Sequence[str],
    semantic: Sequence[str] | None = None,
    free_dims: int,
    image_size: int | tuple[int, int],
    channels: int = 3,
    value_range: tuple[float, float] = (-1.0, 1.0),
    description: str = "",
    semantic_range: float = 1.5,
    free_range: float = 3.0,
    semantic_default: float = 0.0,
    categorical: Mapping[str, Sequence[str]] | None = None,
    saliency: bool = True,
    training: Mapping[str, Any] | None = None,
    metrics: Mapping[str, float] | None = None,
    overwrite: bool = False,
) -> Path:
    """Writes a complete Latent Lens bundle for the given Keras 3 models and returns its folder.

    The latent code the generator takes is laid out as one semantic dimension per name in
    ``semantic`` (in that order), then ``free_dims`` free dimensions named ``free_0``, ``free_1``, ...

    Args:
        out_dir: the bundle folder to write. It is built beside its final place and renamed into
            it, so a failed export never leaves a half-written bundle.
        generator: maps ``z`` [N, D] to images [N, H, W, C] in ``value_range`` (e.g. ending in tanh
            for (-1, 1)).
        encoder: optional; maps images to a pair ``(latent [N, D], attribute logits [N, A])``, with
            ``latent`` in the coordinates the generator takes.
        discriminator: optional; maps images to a pair ``(realism [N] or [N, 1], attribute logits
            [N, A])``. Realism is a logit, higher meaning more real.
        name: short display name of the model.
        attributes: names of the attribute logits, in output order (A names).
        semantic: attributes that have a latent dimension; all of ``attributes`` when ``None``.
        free_dims: number of free (unnamed, standard-normal) latent dimensions after the semantic ones.
        image_size: side of a square image, or ``(height, width)``.
        channels: 1 (grey) or 3 (RGB).
        value_range: ``(min, max)`` of every image tensor, as the generator produces them.
        description: one or two sentences for people.
        semantic_range: semantic sliders run from ``-semantic_range`` to ``+semantic_range``.
        free_range: free sliders run from ``-free_range`` to ``+free_range``.
        semantic_default: where every semantic slider starts and resets to. 0 (neither present nor absent) suits
            a prior centred on 0; a model trained on signed labels (+1 present, -1 absent, as Latent Lens' own
            and ``latentlens_train`` are) opens on a face without the attributes at -1. Free sliders start at 0.
        categorical: optional one-of-N factors, ``{"Race": ["White", "Black", ...]}``: each value a name in
            ``semantic``, in at most one factor. The app shows each as one choice instead of its sliders
            (docs/model-format.md, ``categorical``).
        saliency: also write the optional ``saliency`` signature (needs ``discriminator``).
        training: optional manifest ``training`` record: ``dataset``, ``steps``, ``date`` (ISO-8601)
            and ``hyperParameters`` (a mapping; values are written as strings).
        metrics: optional measured figures by name.
        overwrite: replace an existing ``out_dir`` instead of refusing.

    Returns:
        The bundle folder.

    Raises:
        FileExistsError: ``out_dir`` exists and ``overwrite`` is false.
        ValueError: the arguments disagree with each other or with the models' output shapes, or the
            written SavedModel, loaded the way Latent Lens loads it, does not reproduce the models.
    """
    out_dir = Path(out_dir).resolve()
    if out_dir.exists() and not overwrite:
        raise FileExistsError(f"{out_dir} exists; pass overwrite=True to replace it")
    height, width = (image_size, image_size) if isinstance(image_size, int) else image_size
    semantic = list(attributes) if semantic is None else list(semantic)
    manifest = build_manifest(
        name=name, description=description, height=height, width=width, channels=channels,
        value_range=value_range, attributes=attributes, semantic=semantic, free_dims=free_dims,
        semantic_range=semantic_range, free_range=free_range, semantic_default=semantic_default,
        categorical=categorical, signatures=_signature_names(encoder, discriminator, saliency),
        training=training, metrics=metrics)
    latent_size = len(manifest["latent"])
    image_shape = (height, width, channels)
    probes = _probe(generator, encoder, discriminator, manifest["signatures"], latent_size, image_shape)
    _check_shapes(probes, latent_size, len(attributes), value_range)

    staging = out_dir.parent / f".{out_dir.name}.writing-{os.getpid()}-{time.time_ns()}"
    old = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}-{time.time_ns()}"
    try:
        staging.mkdir(parents=True)
        archive = _build_archive(generator, encoder, discriminator, latent_size, image_shape,
                                 with_saliency="saliency" in manifest["signatures"])
        archive.write_out(str(staging / "saved_model"), verbose=False)
        _check_reload(staging / "saved_model", probes)
        manifest_text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
        (staging / "manifest.json").write_text(manifest_text, encoding="utf-8")
        if out_dir.exists():
            out_dir.rename(old)
        try:
            staging.rename(out_dir)
        except OSError:
            if old.exists():
                old.rename(out_dir)
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
    return out_dir


def build_manifest(
    *,
    name: str,
    description: str,
    height: int,
    width: int,
    channels: int,
    value_range: tuple[float, float],
    attributes: Sequence[str],
    semantic: Sequence[str],
    free_dims: int,
    semantic_range: float,
    free_range: float,
    signatures: Sequence[str],
    semantic_default: float = 0.0,
    categorical: Mapping[str, Sequence[str]] | None = None,
    training: Mapping[str, Any] | None = None,
    metrics: Mapping[str, float] | None = None,
) -> dict[str, Any]:
    """The manifest.json content (as a dict) for these settings; see docs/model-format.md."""
    if not name.strip():
        raise ValueError("name must not be empty")
    if height < 1 or width < 1:
        raise ValueError(f"image size must be positive, not {height}x{width}")
    if channels not in (1, 3):
        raise ValueError(f"channels must be 1 or 3, not {channels}")
    if not value_range[0] < value_range[1]:
        raise ValueError(f"value_range must be (min, max) with min < max, not {value_range}")
    if len(set(attributes)) != len(attributes):
        raise ValueError(f"attribute names must be unique: {list(attributes)}")
    unknown = [s for s in semantic if s not in attributes]
    if unknown:
        raise ValueError(f"semantic dimensions {unknown} are not in attributes {list(attributes)}")
    if not abs(semantic_default) <= semantic_range:
        raise ValueError(f"semantic_default {semantic_default} lies outside the sliders' range "
                         f"[-{semantic_range}, {semantic_range}]")
    if free_dims < 0 or len(semantic) + free_dims == 0:
        raise ValueError("the latent code needs at least one dimension (semantic or free)")
    latent = [_dimension(s, "semantic", semantic_range, semantic_default) for s in semantic]
    latent += [_dimension(f"free_{i}", "free", free_range, 0.0) for i in range(free_dims)]
    manifest: dict[str, Any] = {
        "format": "latent-lens-model",
        "formatVersion": FORMAT_VERSION,
        "name": name,
        "description": description,
        "image": {"width": width, "height": height, "channels": channels,
                  "range": [float(value_range[0]), float(value_range[1])], "layout": "NHWC"},
        "latent": latent,
        "attributes": list(attributes),
        "signatures": list(signatures),
    }
    factors = categorical_factors(categorical or {}, semantic)
    if factors:
        manifest["categorical"] = factors
    if training is not None:
        manifest["training"] = {
            "dataset": str(training.get("dataset", "")),
            "steps": int(training.get("steps", 0)),
            "date": str(training.get("date", "")),
            "hyperParameters": {k: str(v) for k, v in training.get("hyperParameters", {}).items()},
        }
    manifest["metrics"] = {k: float(v) for k, v in (metrics or {}).items()}
    return manifest


def saliency_map(discriminator: keras.Model, image: tf.Tensor) -> tf.Tensor:
    """|d realism / d pixel| summed over channels: [N, H, W], what the ``saliency`` signature returns."""
    image = tf.convert_to_tensor(image, tf.float32)
    with tf.GradientTape() as tape:
        tape.watch(image)
        realism, _ = discriminator(image, training=False)
        total = tf.reduce_sum(realism)
    return tf.reduce_sum(tf.abs(tape.gradient(total, image)), axis=-1)


def parse_categorical(text: str) -> tuple[str, list[str]]:
    """A factor written as on the command line, ``NAME=VALUE1,VALUE2,...``, as ``(name, values)``.

    Raises:
        ValueError: naming the expected form.
    """
    name, eq, values = text.partition("=")
    if not eq or not name.strip():
        raise ValueError(f"--categorical takes NAME=VALUE1,VALUE2,..., for example Race=White,Black; got {text!r}")
    return name.strip(), [v.strip() for v in values.split(",") if v.strip()]


def categorical_factors(categorical: Mapping[str, Sequence[str]] | Sequence[tuple[str, Sequence[str]]],
                        semantic: Sequence[str]) -> list[dict[str, Any]]:
    """The manifest's ``categorical`` list, checked as Latent Lens checks it when it loads the bundle.

    Raises:
        ValueError: a factor without a name or with fewer than two values, a value that is not one of ``semantic``
            (compared ignoring case), a value in two factors, or two factors of one name.
    """
    pairs = list(categorical.items()) if isinstance(categorical, Mapping) else list(categorical)
    lower = {s.lower() for s in semantic}
    seen: set[str] = set()
    names: set[str] = set()
    out = []
    for name, values in pairs:
        values = list(values)
        if not str(name).strip() or len(values) < 2:
            raise ValueError(f"categorical factor {name!r} needs a name and at least two values, not {values}")
        if name in names:
            raise ValueError(f"two categorical factors are named {name!r}")
        names.add(name)
        for v in values:
            if v.lower() not in lower:
                raise ValueError(f"categorical factor {name!r}: {v!r} is not a semantic dimension {list(semantic)}")
            if v.lower() in seen:
                raise ValueError(f"categorical factor {name!r}: {v!r} is listed twice or in two factors")
            seen.add(v.lower())
        out.append({"name": str(name), "values": values})
    return out


def _dimension(name: str, kind: str, half_range: float, default: float) -> dict[str, Any]:
    return {"name": name, "kind": kind, "min": -float(half_range), "max": float(half_range),
            "default": float(default)}


def _signature_names(encoder: keras.Model | None, discriminator: keras.Model | None, saliency: bool) -> list[str]:
    names = ["generate"]
    if encoder is not None:
        names.append("encode")
    if discriminator is not None:
        names.append("discriminate")
        if saliency:
            names.append("saliency")
    return names


def _build_archive(
    generator: keras.Model,
    encoder: keras.Model | None,
    discriminator: keras.Model | None,
    latent_size: int,
    image_shape: tuple[int, int, int],
    with_saliency: bool,
) -> keras.export.ExportArchive:
    """An ExportArchive whose endpoints are the bundle's signatures, with the contract's tensor names.

    Each endpoint returns a dict, so the dict keys become the signature's output names; the input
    names come from the TensorSpec names. The batch dimension stays dynamic (None).
    """
    z_spec = tf.TensorSpec([None, latent_size], tf.float32, name="z")
    image_spec = tf.TensorSpec([None, *image_shape], tf.float32, name="image")
    archive = keras.export.ExportArchive()

    archive.track(generator)

    def generate(z: tf.Tensor) -> dict[str, tf.Tensor]:
        return {"image": generator(z, training=False)}

    archive.add_endpoint("generate", generate, input_signature=[z_spec])

    if encoder is not None:
        archive.track(encoder)

        def encode(image: tf.Tensor) -> dict[str, tf.Tensor]:
            latent, logits = encoder(image, training=False)
            return {"latent": latent, "attributes": logits}

        archive.add_endpoint("encode", encode, input_signature=[image_spec])

    if discriminator is not None:
        archive.track(discriminator)

        def discriminate(image: tf.Tensor) -> dict[str, tf.Tensor]:
            realism, logits = discriminator(image, training=False)
            return {"realism": tf.reshape(realism, [-1]), "attributes": logits}

        archive.add_endpoint("discriminate", discriminate, input_signature=[image_spec])

        if with_saliency:

            def saliency(image: tf.Tensor) -> dict[str, tf.Tensor]:
                return {"saliency": saliency_map(discriminator, image)}

            archive.add_endpoint("saliency", saliency, input_signature=[image_spec])
    return archive


Probes = dict[str, tuple[dict[str, np.ndarray], dict[str, np.ndarray]]]
"""Per signature: inputs by tensor name, and the outputs the Keras models give for them."""


def _probe(
    generator: keras.Model,
    encoder: keras.Model | None,
    discriminator: keras.Model | None,
    signatures: Sequence[str],
    latent_size: int,
    image_shape: tuple[int, int, int],
) -> Probes:
    """Runs every model eagerly on a batch of two: the outputs each signature must reproduce."""
    z = np.random.default_rng(12345).standard_normal((2, latent_size)).astype(np.float32)
    image = _as_numpy(generator(z, training=False), "generator output")
    _expect_shape("generator output", image, (2, *image_shape))
    probes: Probes = {"generate": ({"z": z}, {"image": image})}
    if encoder is not None:
        latent, logits = _pair(encoder(image, training=False), "encoder")
        probes["encode"] = ({"image": image}, {"latent": latent, "attributes": logits})
    if discriminator is not None:
        realism, logits = _pair(discriminator(image, training=False), "discriminator")
        if realism.shape not in ((2,), (2, 1)):
            raise ValueError(f"discriminator realism has shape {list(realism.shape)} for a batch of 2; "
                             "expected [N] or [N, 1]")
        probes["discriminate"] = ({"image": image}, {"realism": realism.reshape(-1), "attributes": logits})
        if "saliency" in signatures:
            saliency = _as_numpy(saliency_map(discriminator, image), "saliency")
            probes["saliency"] = ({"image": image}, {"saliency": saliency})
    return probes


def _check_shapes(
    probes: Probes,
    latent_size: int,
    attribute_count: int,
    value_range: tuple[float, float],
) -> None:
    """Checks the probe outputs against the shapes and value range the manifest promises."""
    image = probes["generate"][1]["image"]
    low, high = value_range
    if image.min() < low - 1e-6 or image.max() > high + 1e-6:
        warnings.warn(f"generator output spans [{image.min():.3f}, {image.max():.3f}], outside the declared "
                      f"value_range {value_range}; Latent Lens will clip it", stacklevel=3)
    if "encode" in probes:
        outputs = probes["encode"][1]
        _expect_shape("encoder latent", outputs["latent"], (2, latent_size))
        _expect_shape("encoder attribute logits", outputs["attributes"], (2, attribute_count))
    if "discriminate" in probes:
        _expect_shape("discriminator attribute logits", probes["discriminate"][1]["attributes"],
                      (2, attribute_count))


def _check_reload(saved_model: Path, probes: Probes) -> None:
    """Loads the written SavedModel as Latent Lens does and checks that every signature reproduces Keras.

    The session-based loader used here is the one TensorFlow's C and Java APIs use. Unlike
    ``tf.saved_model.load`` it restores variables only through the graph, so it fails the way
    Latent Lens would on a SavedModel whose signatures read variables that were never restored.
    """
    with tf.Graph().as_default() as graph, tf.compat.v1.Session(graph=graph) as session:
        try:
            # TensorFlow warns that this loader is deprecated; here it is used on purpose, so keep quiet.
            log_level = tf.get_logger().level
            tf.get_logger().setLevel("ERROR")
            try:
                meta_graph = tf.compat.v1.saved_model.load(session, ["serve"], str(saved_model))
            finally:
                tf.get_logger().setLevel(log_level)
            for name, (inputs, expected) in probes.items():
                signature = meta_graph.signature_def[name]
                feed = {signature.inputs[key].name: value for key, value in inputs.items()}
                fetches = {key: signature.outputs[key].name for key in expected}
                actual = session.run(fetches, feed)
                for key, value in expected.items():
                    difference = float(np.max(np.abs(actual[key] - value) / np.maximum(1.0, np.abs(value))))
                    if difference > _RELOAD_TOLERANCE:
                        raise ValueError(f"signature '{name}' output '{key}' of the written SavedModel differs "
                                         f"from the Keras model by {difference}")
        except tf.errors.OpError as e:
            raise ValueError(f"the written SavedModel does not run when loaded the way Latent Lens loads it: "
                             f"{e.message}") from e


def _pair(outputs: Any, model: str) -> tuple[np.ndarray, np.ndarray]:
    if not isinstance(outputs, (list, tuple)) or len(outputs) != 2:
        raise ValueError(f"the {model} must return two tensors (a list or tuple), got {type(outputs).__name__}")
    return _as_numpy(outputs[0], f"{model} output 0"), _as_numpy(outputs[1], f"{model} output 1")


def _as_numpy(tensor: Any, what: str) -> np.ndarray:
    array = np.asarray(tensor)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{what} holds NaN or infinity")
    return array


def _expect_shape(what: str, array: np.ndarray, expected: tuple[int, ...]) -> None:
    if tuple(array.shape) != expected:
        raise ValueError(f"{what} has shape {list(array.shape)} for a batch of 2; the manifest implies "
                         f"{list(expected)}")
