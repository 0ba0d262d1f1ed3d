"""The three networks of Latent Lens's ``interpretable`` model as Keras 3 functional models.

They follow ``GanNetworks`` and ``Layers`` of the Java trainer layer for layer (docs/training.md, "The
model"): the same widths, kernels, strides, activations, pixel norm and He initialisation, so a model
trained here has the architecture and latent layout of one trained in the app.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import keras
from keras import layers, ops

LEAK = 0.2
"""Negative slope of every LeakyReLU."""

_LRELU_GAIN = math.sqrt(2.0 / (1.0 + LEAK * LEAK))


@dataclass(frozen=True)
class Architecture:
    """Sizes of the networks (``GanArchitecture`` in Java).

    Attributes:
        image_size: side of the square images, a power of two of at least 8.
        channels: 3 (RGB) or 1 (grey).
        attributes: number of attributes; each is also a semantic latent dimension.
        free_dims: number of free latent dimensions.
        base_channels: feature maps at full resolution; doubling at each halving up to ``max_channels``.
        max_channels: cap on feature maps.
        hidden_units: width of the dense layer before the heads.
    """

    image_size: int
    channels: int
    attributes: int
    free_dims: int
    base_channels: int
    max_channels: int = 128
    hidden_units: int = 128

    def __post_init__(self) -> None:
        if self.image_size < 8 or self.image_size & (self.image_size - 1):
            raise ValueError(f"image size must be a power of two of at least 8, not {self.image_size}")
        if self.attributes < 0 or self.free_dims < 0 or self.attributes + self.free_dims == 0:
            raise ValueError("the latent code needs at least one dimension (an attribute or a free one)")

    @property
    def latent_dims(self) -> int:
        """Length of z: the semantic part (one per attribute) first, then the free part."""
        return self.attributes + self.free_dims

    @property
    def levels(self) -> int:
        """Number of 2x resolution steps between 4x4 and the image."""
        return int(math.log2(self.image_size)) - 2

    def channels_at(self, resolution: int) -> int:
        """Feature maps at a given resolution."""
        return min(self.base_channels * self.image_size // resolution, self.max_channels)


def _init(activation: bool) -> keras.initializers.Initializer:
    # N(0, gain^2 / fan_in), as Layers.dense/conv draw it: He initialisation with LeakyReLU's gain.
    gain = _LRELU_GAIN if activation else 1.0
    return keras.initializers.VarianceScaling(gain * gain, mode="fan_in", distribution="untruncated_normal")


def _dense(x: keras.KerasTensor, units: int, activation: bool, name: str) -> keras.KerasTensor:
    y = layers.Dense(units, kernel_initializer=_init(activation), name=name)(x)
    return layers.LeakyReLU(LEAK, name=name + "_lrelu")(y) if activation else y


def _conv(x: keras.KerasTensor, filters: int, kernel: int, stride: int, activation: bool,
          name: str) -> keras.KerasTensor:
    y = layers.Conv2D(filters, kernel, strides=stride, padding="same", kernel_initializer=_init(activation),
                      name=name)(x)
    return layers.LeakyReLU(LEAK, name=name + "_lrelu")(y) if activation else y


def _pixel_norm(x: keras.KerasTensor) -> keras.KerasTensor:
    """Each pixel's feature vector scaled to unit mean square (ProGAN); G's only normalisation."""
    return x * ops.rsqrt(ops.mean(ops.square(x), axis=-1, keepdims=True) + 1e-8)


def _head(h: keras.KerasTensor, width: int, name: str) -> keras.KerasTensor:
    """A linear head; with no outputs an empty [N, 0] slice (no variables, so no missing gradients)."""
    return _dense(h, width, False, name) if width > 0 else h[:, :0]


def _trunk(arch: Architecture, image: keras.KerasTensor) -> keras.KerasTensor:
    """The image-reading trunk of E and D: 3x3 conv, strided 4x4 convs down to 4x4, dense."""
    size = arch.image_size
    x = _conv(image, arch.channels_at(size), 3, 1, True, "from_rgb")
    for level in range(arch.levels):
        size //= 2
        x = _conv(x, arch.channels_at(size), 4, 2, True, f"down{level}")
    return _dense(layers.Flatten()(x), arch.hidden_units, True, "fc")


def build_generator(arch: Architecture, name: str = "generator") -> keras.Model:
    """G: z [N, latent_dims] -> image [N, S, S, C] in [-1, 1]."""
    z = keras.Input((arch.latent_dims,), name="z")
    c4 = arch.channels_at(4)
    x = _pixel_norm(layers.Reshape((4, 4, c4))(_dense(z, 16 * c4, True, "fc")))
    size = 4
    for level in range(arch.levels):
        size *= 2
        x = layers.UpSampling2D(2, interpolation="nearest")(x)
        x = _pixel_norm(_conv(x, arch.channels_at(size), 3, 1, True, f"up{level}"))
        x = _pixel_norm(_conv(x, arch.channels_at(size), 3, 1, True, f"conv{level}"))
    rgb = _conv(x, arch.channels, 1, 1, False, "to_rgb")
    return keras.Model(z, layers.Activation("tanh", name="tanh")(rgb), name=name)


def build_encoder(arch: Architecture) -> keras.Model:
    """E: image -> [attribute logits [N, A], semantic [N, A], free mean [N, F], free log-variance [N, F]]."""
    image = keras.Input((arch.image_size, arch.image_size, arch.channels), name="image")
    h = _trunk(arch, image)
    outputs = [_head(h, arch.attributes, "attributes"), _head(h, arch.attributes, "semantic"),
               _head(h, arch.free_dims, "free_mean"), _head(h, arch.free_dims, "free_logvar")]
    return keras.Model(image, outputs, name="encoder")


def build_discriminator(arch: Architecture) -> keras.Model:
    """D: image -> [realism logit [N, 1], attribute logits [N, A]]."""
    image = keras.Input((arch.image_size, arch.image_size, arch.channels), name="image")
    h = _trunk(arch, image)
    return keras.Model(image, [_dense(h, 1, False, "realism"), _head(h, arch.attributes, "attributes")],
                       name="discriminator")


def encoder_for_export(encoder: keras.Model) -> keras.Model:
    """E as the bundle's ``encode`` wants it: image -> (latent = [semantic, free mean], attribute logits).

    Shares ``encoder``'s layers and weights.
    """
    attributes, semantic, mean, _ = encoder.outputs
    latent = layers.Concatenate(name="latent")([semantic, mean])
    return keras.Model(encoder.input, [latent, attributes], name="encoder_export")
