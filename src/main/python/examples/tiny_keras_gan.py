"""Builds a tiny Keras 3 GAN (generator, encoder, discriminator) at 16 px and exports it as a bundle.

The weights are random: this shows the export, not training. Put your trained models in place of
``build_generator()`` and friends; the ``export_bundle`` call stays the same.

Usage (from the repository root, with the packages of src/main/python/requirements.txt)::

    PYTHONPATH=src/main/python python src/main/python/examples/tiny_keras_gan.py OUT_DIR

``--reference DIR`` also writes what the Keras models themselves compute for a few latent codes, as
.npy files (``z``, ``image``, ``latent``, ``encode_attributes``, ``realism``,
``discriminate_attributes``, ``saliency``); the Maven test KerasExportTest compares Latent Lens's
results for the same ``z`` with them.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import keras
import numpy as np
from keras import layers

from latentlens_export import export_bundle, saliency_map

ATTRIBUTES = ["Smiling", "Eyeglasses"]
FREE_DIMS = 3
LATENT_SIZE = len(ATTRIBUTES) + FREE_DIMS  # one semantic dimension per attribute, then the free ones
IMAGE_SIZE = 16
CHANNELS = 3


def build_generator() -> keras.Model:
    """z [N, 5] -> image [N, 16, 16, 3] in [-1, 1]."""
    z = keras.Input((LATENT_SIZE,), name="z")
    x = layers.Dense(4 * 4 * 32)(z)
    x = layers.BatchNormalization()(x)
    x = layers.ReLU()(x)
    x = layers.Reshape((4, 4, 32))(x)
    x = layers.Conv2DTranspose(16, 4, strides=2, padding="same", activation="relu")(x)  # 8 x 8
    x = layers.UpSampling2D()(x)  # 16 x 16
    image = layers.Conv2D(CHANNELS, 3, padding="same", activation="tanh")(x)
    return keras.Model(z, image, name="generator")


def _features(image: keras.KerasTensor) -> keras.KerasTensor:
    x = layers.Conv2D(16, 3, strides=2, padding="same")(image)  # 8 x 8
    x = layers.LeakyReLU(0.2)(x)
    x = layers.Conv2D(32, 3, strides=2, padding="same")(x)  # 4 x 4
    x = layers.LeakyReLU(0.2)(x)
    return layers.Flatten()(x)


def build_encoder() -> keras.Model:
    """image -> (latent [N, 5], attribute logits [N, 2])."""
    image = keras.Input((IMAGE_SIZE, IMAGE_SIZE, CHANNELS), name="image")
    x = _features(image)
    latent = layers.Dense(LATENT_SIZE, name="latent")(x)
    logits = layers.Dense(len(ATTRIBUTES), name="attributes")(x)
    return keras.Model(image, [latent, logits], name="encoder")


def build_discriminator() -> keras.Model:
    """image -> (realism logit [N, 1], attribute logits [N, 2])."""
    image = keras.Input((IMAGE_SIZE, IMAGE_SIZE, CHANNELS), name="image")
    x = _features(image)
    realism = layers.Dense(1, name="realism")(x)
    logits = layers.Dense(len(ATTRIBUTES), name="attributes")(x)
    return keras.Model(image, [realism, logits], name="discriminator")


def write_reference(out_dir: Path, generator: keras.Model, encoder: keras.Model,
                    discriminator: keras.Model, count: int = 4) -> None:
    """Saves a few latent codes and what the Keras models compute for them, as .npy files."""
    out_dir.mkdir(parents=True, exist_ok=True)
    z = np.random.default_rng(7).standard_normal((count, LATENT_SIZE)).astype(np.float32)
    image = np.asarray(generator(z, training=False))
    latent, encode_attributes = encoder(image, training=False)
    realism, discriminate_attributes = discriminator(image, training=False)
    arrays = {
        "z": z,
        "image": image,
        "latent": latent,
        "encode_attributes": encode_attributes,
        "realism": np.reshape(realism, [-1]),
        "discriminate_attributes": discriminate_attributes,
        "saliency": saliency_map(discriminator, image),
    }
    for name, array in arrays.items():
        np.save(out_dir / f"{name}.npy", np.asarray(array, dtype=np.float32))


def main() -> None:
    parser = argparse.ArgumentParser(description="Export a tiny random Keras GAN as a Latent Lens bundle.")
    parser.add_argument("out_dir", type=Path, help="bundle folder to write")
    parser.add_argument("--reference", type=Path, help="also write reference outputs (.npy) here")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing bundle folder")
    args = parser.parse_args()

    keras.utils.set_random_seed(1)
    generator, encoder, discriminator = build_generator(), build_encoder(), build_discriminator()
    export_bundle(
        args.out_dir, generator, encoder, discriminator,
        name="tiny-keras-gan",
        description="A tiny random Keras 3 GAN exported by latentlens_export.",
        attributes=ATTRIBUTES,
        free_dims=FREE_DIMS,
        image_size=IMAGE_SIZE,
        channels=CHANNELS,
        value_range=(-1.0, 1.0),
        overwrite=args.overwrite,
    )
    if args.reference is not None:
        write_reference(args.reference, generator, encoder, discriminator)
    print(f"wrote {args.out_dir}")


if __name__ == "__main__":
    main()
