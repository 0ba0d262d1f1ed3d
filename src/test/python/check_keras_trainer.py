#!/usr/bin/env python3
"""Checks that latentlens_train trains the app trainer's model, against numbers the app itself wrote.

KerasTrainerTest writes, from the Java side, the trainer's defaults, its data split and label subset,
and two steps of its ``TrainingGraph`` on a tiny architecture. This script then checks:

1. the Keras trainer's defaults (batch, learning rate, Adam betas, EMA decay, loss weights, prior
   strengths, channels per image size) are the app trainer's;
2. its ports of ``Splits.isHeldOut`` and ``LabelMask.usesLabels`` agree on 2,000 indices;
3. its networks, given the weights of a bundle the app trained (``models/default``, 64 px), compute
   what that bundle's own signatures compute;
4. two training steps on two mirrored replicas (the CPU split in two), from the Java initial weights
   and on the Java batches, give the Java losses of every term, and the Java weights of E, G, D and
   the moving-average G after both steps.

It prints what it compared and exits non-zero on the first difference above tolerance.

Usage (with the venv of src/main/python/requirements.txt)::

    PYTHONPATH=src/main/python python src/test/python/check_keras_trainer.py models/default JAVA_DIR
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import keras
import numpy as np
import tensorflow as tf

from latentlens_train import data
from latentlens_train.networks import (Architecture, build_discriminator, build_encoder, build_generator,
                                       encoder_for_export)
from latentlens_train.trainer import BETA1, BETA2, InterpretableGanTrainer, Settings, make_strategy

LOSS_TOLERANCE = 1e-4
"""Largest relative difference of a loss from the Java trainer's."""
WEIGHT_TOLERANCE = 2e-5
"""Largest difference of a weight after two steps (each step moves a weight by up to about 2e-4)."""


def check(ok: bool, message: str) -> None:
    if not ok:
        raise SystemExit("MISMATCH: " + message)


def check_defaults(java: dict) -> None:
    s = Settings(data="", out="", attributes=(), steps=0)
    ours = {"batchSize": s.batch_size, "freeDims": s.free_dims, "learningRate": s.learning_rate,
            "labelFraction": s.label_fraction, "seed": s.seed, "maxChannels": s.max_channels,
            "hiddenUnits": s.hidden_units, "emaDecay": s.ema_decay, "checkpointEvery": s.checkpoint_every,
            "beta1": BETA1, "beta2": BETA2, "minStrength": data.MIN_STRENGTH, "maxStrength": data.MAX_STRENGTH}
    for key, value in ours.items():
        check(abs(value - java[key]) < 1e-7, f"default {key}: ours {value}, the app's {java[key]}")
    for size, base in java["baseChannels"].items():
        ours_base = Settings(data="", out="", attributes=(), steps=0, image_size=int(size)).architecture().base_channels
        check(ours_base == base, f"base channels at {size} px: ours {ours_base}, the app's {base}")
    for key, value in asdict(s.weights).items():
        check(float(java["weights"][f"w.{key}"]) == value, f"loss weight {key}: ours {value}, the app's "
              f"{java['weights'][f'w.{key}']}")
    print(f"defaults: {len(ours) + len(java['baseChannels']) + len(java['weights'])} settings agree")


def check_splits(java: dict) -> None:
    held = [data.is_held_out(i) for i in range(len(java["heldOut"]))]
    check(held == java["heldOut"], "held-out split differs from Splits.isHeldOut")
    kept = [data.uses_labels(-3, i, 0.3) for i in range(len(java["usesLabelsSeedMinus3Fraction03"]))]
    check(kept == java["usesLabelsSeedMinus3Fraction03"], "label subset differs from LabelMask.usesLabels")
    print(f"splits: held-out ({sum(held)} of {len(held)}) and labelled subsets agree")


def load_java_weights(model: keras.Model, group: str, weights: dict[str, np.ndarray]) -> None:
    """Sets each layer's kernel and bias from the Java variables ``GROUP.LAYER.w`` and ``GROUP.LAYER.b``."""
    for layer in model.layers:
        if layer.weights:
            kernel, bias = (weights[f"{group}.{layer.name}.{k}"] for k in ("w", "b"))
            layer.set_weights([kernel.reshape(layer.weights[0].shape), bias.reshape(layer.weights[1].shape)])


def check_against_bundle(bundle: Path) -> None:
    manifest = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    hyper, image = manifest["training"]["hyperParameters"], manifest["image"]
    arch = Architecture(image["width"], image["channels"], len(manifest["attributes"]), int(hyper["freeDims"]),
                        int(hyper["baseChannels"]), int(hyper["maxChannels"]), int(hyper["hiddenUnits"]))
    reader = tf.train.load_checkpoint(str(bundle / "saved_model" / "variables" / "variables"))
    weights = {name: reader.get_tensor(name) for name in reader.get_variable_to_shape_map()}
    generator, encoder, discriminator = build_generator(arch), build_encoder(arch), build_discriminator(arch)
    for model, group in ((generator, "G"), (encoder, "E"), (discriminator, "D")):
        load_java_weights(model, group, weights)
    saved = tf.saved_model.load(str(bundle / "saved_model"))
    z = np.random.default_rng(3).standard_normal((4, arch.latent_dims)).astype(np.float32)
    x = generator(z)
    latent, attributes = encoder_for_export(encoder)(x)
    realism, d_attributes = discriminator(x)
    encoded, judged = saved.signatures["encode"](image=x), saved.signatures["discriminate"](image=x)
    pairs = {"generate": (x, saved.signatures["generate"](z=tf.constant(z))["image"]),
             "encode latent": (latent, encoded["latent"]), "encode attributes": (attributes, encoded["attributes"]),
             "realism": (tf.reshape(realism, [-1]), judged["realism"]),
             "discriminate attributes": (d_attributes, judged["attributes"])}
    for name, (ours, theirs) in pairs.items():
        difference = float(np.max(np.abs(np.asarray(ours) - np.asarray(theirs))))
        check(difference < 1e-4, f"{bundle.name} {name}: the Keras networks differ by {difference}")
    print(f"networks: {bundle.name}'s weights in the Keras networks reproduce its signatures at "
          f"{arch.image_size} px ({generator.count_params() + encoder.count_params() + discriminator.count_params()}"
          f" parameters)")


def check_steps(strategy: tf.distribute.Strategy, java_dir: Path) -> None:
    ref = json.loads((java_dir / "reference.json").read_text(encoding="utf-8"))
    check(ref["attributes"] == 2, "the reference has 2 attributes")
    settings = Settings(data="", out="", attributes=("a0", "a1"), steps=2, image_size=ref["imageSize"],
                        free_dims=ref["freeDims"], batch_size=ref["batch"], base_channels=ref["baseChannels"],
                        max_channels=ref["maxChannels"], hidden_units=ref["hiddenUnits"])
    trainer = InterpretableGanTrainer(strategy, settings)
    load = lambda folder: {p.stem: np.load(p) for p in (java_dir / folder).glob("*.npy")}  # noqa: E731
    start = load("weights0")
    for model, group in ((trainer.generator, "G"), (trainer.generator_ema, "G"), (trainer.encoder, "E"),
                         (trainer.discriminator, "D")):
        load_java_weights(model, group, start)
    for step, expected in enumerate(ref["losses"], start=1):
        batch = load(f"batch{step}")
        batches = strategy.experimental_distribute_dataset(
            tf.data.Dataset.from_tensor_slices(batch).batch(settings.batch_size))
        losses = {k: float(v) for k, v in trainer.train_step(next(iter(batches))).items()}
        for term, value in expected.items():
            difference = abs(losses[term] - value) / max(1.0, abs(value))
            check(difference < LOSS_TOLERANCE, f"step {step} loss {term}: ours {losses[term]}, the app's {value}")
        print(f"step {step} on {strategy.num_replicas_in_sync} replicas: all {len(expected)} losses agree "
              f"(GE {losses['GE']:.5f}, the app's {expected['GE']:.5f})")
    end = load("weights2")
    worst, moved = 0.0, 0.0
    for model, group in ((trainer.generator, "G"), (trainer.generator_ema, "Gema"), (trainer.encoder, "E"),
                         (trainer.discriminator, "D")):
        for layer in model.layers:
            for variable, kind in zip(layer.weights, ("w", "b")):
                name = f"{group}.{layer.name}.{kind}"
                ours, theirs = np.asarray(variable).ravel(), end[name]
                worst = max(worst, float(np.max(np.abs(ours - theirs))))
                moved = max(moved, float(np.max(np.abs(theirs - start[name.replace("Gema.", "G.")]))))
    check(worst < WEIGHT_TOLERANCE, f"weights after 2 steps differ from the app's by up to {worst}")
    print(f"weights of E, G, D and the moving-average G after 2 steps agree within {worst:.2g} "
          f"(the steps moved them by up to {moved:.2g})")


def main() -> None:
    bundle, java_dir = Path(sys.argv[1]), Path(sys.argv[2])
    strategy = make_strategy("mirrored", cpu_replicas=2)  # before any other TensorFlow work
    java = json.loads((java_dir / "defaults.json").read_text(encoding="utf-8"))
    check_defaults(java)
    check_splits(java)
    check_against_bundle(bundle)
    check_steps(strategy, java_dir)


if __name__ == "__main__":
    main()
