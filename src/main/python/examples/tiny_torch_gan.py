"""Builds a tiny PyTorch GAN (generator, encoder, discriminator) at 16 px and exports it as an ONNX bundle.

The weights are random: this shows the export, not training. Put your trained modules in place of
``Generator()`` and ``TwoHeads(...)``; the ``torch.onnx.export`` calls and the manifest stay the same.
See "Writing a bundle from PyTorch (ONNX)" in docs/model-format.md.

Usage, in a Python environment with torch, onnx and onnxscript (torch.onnx.export needs the last two)::

    python src/main/python/examples/tiny_torch_gan.py OUT_DIR
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import torch
from torch import nn

ATTRIBUTES = ["Smiling", "Eyeglasses"]
FREE_DIMS = 3
LATENT_SIZE = len(ATTRIBUTES) + FREE_DIMS  # one semantic dimension per attribute, then the free ones
IMAGE_SIZE = 16
CHANNELS = 3


class Generator(nn.Module):
    """z [N, 5] -> image [N, 3, 16, 16] in [-1, 1] (channels first, as PyTorch has it)."""

    def __init__(self) -> None:
        super().__init__()
        self.fc = nn.Sequential(nn.Linear(LATENT_SIZE, 32 * 4 * 4), nn.BatchNorm1d(32 * 4 * 4), nn.ReLU())
        self.up = nn.Sequential(
            nn.ConvTranspose2d(32, 16, 4, stride=2, padding=1), nn.ReLU(),  # 8 x 8
            nn.ConvTranspose2d(16, CHANNELS, 4, stride=2, padding=1), nn.Tanh())  # 16 x 16

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return self.up(self.fc(z).view(-1, 32, 4, 4))


class TwoHeads(nn.Module):
    """image [N, 3, 16, 16] -> (first head [N, first], attribute logits [N, A]).

    The encoder is TwoHeads(LATENT_SIZE) (latent codes), the discriminator TwoHeads(1) (the realism logit).
    """

    def __init__(self, first: int) -> None:
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(CHANNELS, 16, 3, stride=2, padding=1), nn.LeakyReLU(0.2),  # 8 x 8
            nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.LeakyReLU(0.2), nn.Flatten())  # 4 x 4
        self.head = nn.Linear(32 * 4 * 4, first)
        self.attributes = nn.Linear(32 * 4 * 4, len(ATTRIBUTES))

    def forward(self, image: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        x = self.features(image)
        return self.head(x), self.attributes(x)


def manifest(name: str) -> dict:
    """What Latent Lens needs to know: image size, value range and layout, the latent layout, the attributes."""
    latent = [{"name": a, "kind": "semantic", "min": -1.5, "max": 1.5, "default": 0.0} for a in ATTRIBUTES]
    latent += [{"name": f"free_{i}", "kind": "free", "min": -3.0, "max": 3.0, "default": 0.0}
               for i in range(FREE_DIMS)]
    return {
        "format": "latent-lens-model", "formatVersion": 1, "name": name,
        "description": "A tiny random PyTorch GAN exported to ONNX by tiny_torch_gan.py.",
        "image": {"width": IMAGE_SIZE, "height": IMAGE_SIZE, "channels": CHANNELS, "range": [-1.0, 1.0],
                  "layout": "NCHW"},
        "latent": latent,
        "attributes": ATTRIBUTES,
        "signatures": ["generate", "encode", "discriminate"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="bundle folder to write (created)")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=False)
    torch.manual_seed(0)
    generator, encoder, discriminator = Generator().eval(), TwoHeads(LATENT_SIZE).eval(), TwoHeads(1).eval()
    z = torch.randn(2, LATENT_SIZE)
    image = generator(z)
    # The batch axis must stay dynamic: Latent Lens renders one image while you drag and 65 for a saliency map.
    torch.onnx.export(generator, z, out / "model.onnx", input_names=["z"], output_names=["image"],
                      dynamic_axes={"z": {0: "n"}, "image": {0: "n"}})
    torch.onnx.export(encoder, image, out / "encoder.onnx", input_names=["image"],
                      output_names=["latent", "attributes"],
                      dynamic_axes={"image": {0: "n"}, "latent": {0: "n"}, "attributes": {0: "n"}})
    torch.onnx.export(discriminator, image, out / "discriminator.onnx", input_names=["image"],
                      output_names=["realism", "attributes"],
                      dynamic_axes={"image": {0: "n"}, "realism": {0: "n"}, "attributes": {0: "n"}})
    (out / "manifest.json").write_text(json.dumps(manifest(out.name), indent=2) + "\n", encoding="utf-8")
    print(f"tiny_torch_gan: wrote {out} with torch {torch.__version__}")


if __name__ == "__main__":
    main()
