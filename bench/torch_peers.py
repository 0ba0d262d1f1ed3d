#!/usr/bin/env python3
"""The PyTorch peers of ``latent-lens bench --peers``: Latent Lens's networks written again in PyTorch.

Two commands:

``export DIR``
    ``DIR`` holds what ``latent-lens bench --peers`` wrote from a bundle our trainer made: ``peer.json``
    (the architecture, and each generator variable's name and shape), one ``<name>.f32`` file per variable
    (little-endian float32, TensorFlow's layout), ``z.f32`` (latent codes) and ``images.f32`` (what our
    generator made of them, NHWC). Builds the same generator in PyTorch, copies the weights in, checks that
    it makes the same images (largest difference at most 1e-3, else exit code 2), and saves it as
    TorchScript to ``DIR/generator.pt`` for DJL's PyTorch engine. The TorchScript takes codes [N, L] and
    returns images [N, H, W, C] (NHWC, like our signature), so both engines hand back the same layout.

``train --size S --base-channels C ...``
    The training step of our trainer (E, G and D; every loss term; two Adam optimisers; the moving average
    of G), on fixed random data. Serves the benchmark on standard input so that its rounds alternate with
    ours: each line ``N`` runs N steps and answers one line with the seconds they took; ``quit`` ends it.

Only the standard library, numpy and torch (bench/requirements-torch.txt).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

LEAK = 0.2


def channels_at(a: dict, resolution: int) -> int:
    """Feature maps at a resolution: GanArchitecture.channelsAt."""
    return min(a["baseChannels"] * a["imageSize"] // resolution, a["maxChannels"])


def levels(a: dict) -> int:
    return a["imageSize"].bit_length() - 1 - 2


def pixel_norm(x: torch.Tensor) -> torch.Tensor:
    """Each pixel's feature vector to unit mean square (channels are dimension 1)."""
    return x * torch.rsqrt(torch.mean(x * x, dim=1, keepdim=True) + 1e-8)


class Generator(nn.Module):
    """GanNetworks.generate: dense to 4x4, then per level nearest 2x + 3x3 conv and a 3x3 conv, then 1x1 to RGB."""

    def __init__(self, a: dict):
        super().__init__()
        self.c4 = channels_at(a, 4)
        self.fc = nn.Linear(a["semanticDims"] + a["freeDims"], 16 * self.c4)
        self.ups = nn.ModuleList()
        self.convs = nn.ModuleList()
        size = 4
        for _ in range(levels(a)):
            c_in = channels_at(a, size)
            size *= 2
            c = channels_at(a, size)
            self.ups.append(nn.Conv2d(c_in, c, 3, padding=1))
            self.convs.append(nn.Conv2d(c, c, 3, padding=1))
        self.to_rgb = nn.Conv2d(channels_at(a, size), a["channels"], 1)

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        x = F.leaky_relu(self.fc(z), LEAK)
        # Our dense output is reshaped as NHWC [N, 4, 4, C]; PyTorch convolutions want NCHW.
        x = pixel_norm(x.view(-1, 4, 4, self.c4).permute(0, 3, 1, 2))
        for up, conv in zip(self.ups, self.convs):
            x = pixel_norm(F.leaky_relu(up(F.interpolate(x, scale_factor=2.0, mode="nearest")), LEAK))
            x = pixel_norm(F.leaky_relu(conv(x), LEAK))
        return torch.tanh(self.to_rgb(x))


class NhwcGenerator(nn.Module):
    """The generator with our signature's output layout, [N, H, W, C]."""

    def __init__(self, g: Generator):
        super().__init__()
        self.g = g

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return self.g(z).permute(0, 2, 3, 1).contiguous()


class Trunk(nn.Module):
    """Layers.trunk: 3x3 conv at full size, strided 4x4 convs down to 4x4, one dense layer."""

    def __init__(self, a: dict):
        super().__init__()
        size = a["imageSize"]
        self.from_rgb = nn.Conv2d(a["channels"], channels_at(a, size), 3, padding=1)
        self.downs = nn.ModuleList()
        for _ in range(levels(a)):
            c_in = channels_at(a, size)
            size //= 2
            # TensorFlow's SAME padding for a 4x4 kernel at stride 2 on an even size is one pixel each side.
            self.downs.append(nn.Conv2d(c_in, channels_at(a, size), 4, stride=2, padding=1))
        self.fc = nn.Linear(16 * channels_at(a, 4), a["hiddenUnits"])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.leaky_relu(self.from_rgb(x), LEAK)
        for down in self.downs:
            x = F.leaky_relu(down(x), LEAK)
        return F.leaky_relu(self.fc(x.flatten(1)), LEAK)


class Encoder(nn.Module):
    def __init__(self, a: dict):
        super().__init__()
        h = a["hiddenUnits"]
        self.trunk = Trunk(a)
        self.attributes = nn.Linear(h, a["attributeCount"])
        self.semantic = nn.Linear(h, a["semanticDims"])
        self.free_mean = nn.Linear(h, a["freeDims"])
        self.free_logvar = nn.Linear(h, a["freeDims"])

    def forward(self, x):
        h = self.trunk(x)
        return self.attributes(h), self.semantic(h), self.free_mean(h), self.free_logvar(h)


class Discriminator(nn.Module):
    def __init__(self, a: dict):
        super().__init__()
        self.trunk = Trunk(a)
        self.realism = nn.Linear(a["hiddenUnits"], 1)
        self.attributes = nn.Linear(a["hiddenUnits"], a["attributeCount"])

    def forward(self, x):
        h = self.trunk(x)
        return self.realism(h).view(-1), self.attributes(h)


def read_f32(path: Path, shape) -> np.ndarray:
    return np.fromfile(path, dtype="<f4").reshape(shape)


def load_generator(folder: Path, a: dict, variables: dict) -> Generator:
    """Our generator's weights (TensorFlow layout: dense [in, out], conv [kh, kw, in, out]) in PyTorch's."""
    g = Generator(a)

    def w(name):
        return torch.from_numpy(read_f32(folder / (name + ".f32"), variables[name]).copy())

    def dense(layer, name):
        layer.weight.data = w(name + ".w").t().contiguous()
        layer.bias.data = w(name + ".b")

    def conv(layer, name):
        layer.weight.data = w(name + ".w").permute(3, 2, 0, 1).contiguous()
        layer.bias.data = w(name + ".b")

    dense(g.fc, "G.fc")
    for level, (up, c) in enumerate(zip(g.ups, g.convs)):
        conv(up, f"G.up{level}")
        conv(c, f"G.conv{level}")
    conv(g.to_rgb, "G.to_rgb")
    return g


def export(folder: Path) -> int:
    spec = json.loads((folder / "peer.json").read_text(encoding="utf-8"))
    a = spec["architecture"]
    g = NhwcGenerator(load_generator(folder, a, {k: tuple(v) for k, v in spec["variables"].items()})).eval()
    n = spec["codes"]
    z = torch.from_numpy(read_f32(folder / "z.f32", (n, a["semanticDims"] + a["freeDims"])).copy())
    ours = read_f32(folder / "images.f32", (n, a["imageSize"], a["imageSize"], a["channels"]))
    with torch.no_grad():
        theirs = g(z).numpy()
    diff = float(np.max(np.abs(theirs - ours)))
    print(f"torch {torch.__version__}: largest difference from our generator {diff:.2e} over {n} codes", flush=True)
    if not diff <= 1e-3:
        print("the PyTorch generator does not match ours", file=sys.stderr)
        return 2
    with torch.no_grad():
        traced = torch.jit.trace(g, z[:1])
    traced.save(str(folder / "generator.pt"))
    return 0


def softplus(x):
    return F.softplus(x)


def bce(logits, targets):
    return F.binary_cross_entropy_with_logits(logits, targets, reduction="none")


def masked_mean(x, mask):
    return (x * mask).sum() / torch.clamp(mask.sum(), min=1.0)


class TrainingStep:
    """TrainingGraph.step in PyTorch: both updates from the same weights, then the moving average of G."""

    def __init__(self, a: dict, batch: int, seed: int):
        torch.manual_seed(seed)
        self.a = a
        self.e, self.g, self.d = Encoder(a), Generator(a), Discriminator(a)
        self.g_ema = Generator(a)
        self.g_ema.load_state_dict(self.g.state_dict())
        self.ge_params = list(self.g.parameters()) + list(self.e.parameters())
        self.d_params = list(self.d.parameters())
        self.opt_d = torch.optim.Adam(self.d_params, lr=2e-4, betas=(0.5, 0.99))
        self.opt_ge = torch.optim.Adam(self.ge_params, lr=2e-4, betas=(0.5, 0.99))
        s, f, n, size = a["semanticDims"], a["freeDims"], batch, a["imageSize"]
        self.x = torch.rand(n, a["channels"], size, size) * 2 - 1
        self.labels = torch.randint(0, 2, (n, a["attributeCount"])).float() * 2 - 1
        self.mask = torch.ones(n, a["attributeCount"])
        self.semantic = torch.rand(n, s) * 2 - 1
        self.semantic_target = (self.semantic + 1) * 0.5
        self.free = torch.randn(n, f)
        self.noise = torch.randn(n, f)

    def step(self):
        s, a = self.a["semanticDims"], self.a["attributeCount"]
        x, labels, mask = self.x, self.labels, self.mask
        d_real, d_real_attr = self.d(x)
        e_attr, e_sem, e_mean, e_logvar = self.e(x)
        rec = self.g(torch.cat([e_sem, e_mean + torch.exp(0.5 * e_logvar) * self.noise], 1))
        fake = self.g(torch.cat([self.semantic, self.free], 1))
        d_fake, d_fake_attr = self.d(fake)
        d_rec, _ = self.d(rec)
        ef_attr, ef_sem, ef_mean, _ = self.e(fake)
        t01 = (labels + 1) * 0.5
        d_adv = softplus(-d_real).mean() + 0.5 * softplus(d_fake).mean() + 0.5 * softplus(d_rec).mean()
        g_adv = 0.5 * softplus(-d_fake).mean() + 0.5 * softplus(-d_rec).mean()
        d_attr = masked_mean(bce(d_real_attr, t01), mask)
        e_attr_loss = masked_mean(bce(e_attr, t01), mask) + masked_mean((e_sem - labels[:, :s]) ** 2, mask[:, :s])
        info = bce(d_fake_attr[:, :s], self.semantic_target).mean() + bce(ef_attr[:, :s], self.semantic_target).mean()
        latent = ((ef_sem - self.semantic) ** 2).mean() + ((ef_mean - self.free) ** 2).mean()
        recon = (rec - x).abs().mean()
        kl = (0.5 * (e_mean ** 2 + torch.exp(e_logvar) - 1 - e_logvar)).sum(1).mean()
        loss_d = d_adv + d_attr
        loss_ge = g_adv + info + latent + e_attr_loss + 10.0 * recon + 0.02 * kl
        # Both gradients from the same weights, as in our graph, then both updates.
        d_grads = torch.autograd.grad(loss_d, self.d_params, retain_graph=True)
        ge_grads = torch.autograd.grad(loss_ge, self.ge_params)
        for p, grad in zip(self.d_params, d_grads):
            p.grad = grad
        for p, grad in zip(self.ge_params, ge_grads):
            p.grad = grad
        self.opt_d.step()
        self.opt_ge.step()
        with torch.no_grad():
            for pe, p in zip(self.g_ema.parameters(), self.g.parameters()):
                pe.mul_(0.999).add_(p, alpha=0.001)


def train(args) -> int:
    a = {"imageSize": args.size, "channels": 3, "semanticDims": args.semantic, "freeDims": args.free,
         "attributeCount": args.attributes, "baseChannels": args.base_channels, "maxChannels": args.max_channels,
         "hiddenUnits": args.hidden}
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    step = TrainingStep(a, args.batch, seed=1)
    print(f"ready torch {torch.__version__} threads {torch.get_num_threads()}", flush=True)
    for line in sys.stdin:
        line = line.strip()
        if line == "quit" or not line:
            break
        n = int(line)
        t0 = time.perf_counter()
        for _ in range(n):
            step.step()
        print(f"{time.perf_counter() - t0:.6f}", flush=True)
    return 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    e = sub.add_parser("export", help="PyTorch generator from our weights, checked and saved as TorchScript")
    e.add_argument("folder", type=Path)
    t = sub.add_parser("train", help="serve timed training steps on standard input")
    t.add_argument("--size", type=int, required=True)
    t.add_argument("--base-channels", type=int, required=True)
    t.add_argument("--max-channels", type=int, required=True)
    t.add_argument("--hidden", type=int, required=True)
    t.add_argument("--semantic", type=int, required=True)
    t.add_argument("--free", type=int, required=True)
    t.add_argument("--attributes", type=int, required=True)
    t.add_argument("--batch", type=int, default=32)
    t.add_argument("--threads", type=int, default=0, help="intra-op threads (0: PyTorch's default)")
    args = p.parse_args()
    return export(args.folder) if args.command == "export" else train(args)


if __name__ == "__main__":
    sys.exit(main())
