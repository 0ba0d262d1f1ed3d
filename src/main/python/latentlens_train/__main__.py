"""Command line of the Keras trainer: ``python -m latentlens_train --data ... --steps N --out DIR``.

Several machines: start the same command on each with ``--strategy multi-worker`` and a ``TF_CONFIG``
naming the cluster and the machine's own task, e.g. on the first of two::

    TF_CONFIG='{"cluster": {"worker": ["host1:12345", "host2:12345"]}, "task": {"type": "worker", "index": 0}}'

``--out`` should be on storage every worker can reach; only the chief (worker 0) writes the bundle.
"""

from __future__ import annotations

import argparse

from latentlens_export.export import parse_categorical
from latentlens_train.data import category_columns
from latentlens_train.trainer import LossWeights, Settings, make_strategy, train


def _names(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def parse(argv: list[str] | None = None) -> tuple[Settings, argparse.Namespace]:
    """The run's settings and the options that are not settings (strategy, resume)."""
    p = argparse.ArgumentParser(prog="python -m latentlens_train",
                                description="Train Latent Lens's interpretable GAN with Keras 3 and tf.distribute.")
    p.add_argument("--data", required=True, help="celeba:PATH (list_attr_celeba.txt + images/) or random:COUNT")
    p.add_argument("--attributes", type=_names, default=(), help="comma-separated attributes that become sliders")
    p.add_argument("--categorical", action="append", default=[], metavar="NAME=A,B,...",
                   help="attributes that are one of N (e.g. Race=White,Black,Asian,Indian,Other_Race): one control"
                        " with a choice per value in the app; repeat for several factors")
    p.add_argument("--steps", type=int, required=True, help="steps to train to")
    p.add_argument("--out", required=True, help="run folder: model/ (the bundle), checkpoints/, metrics.jsonl")
    p.add_argument("--resume", action="store_true", help="continue from the newest checkpoint in --out")
    p.add_argument("--size", type=int, default=64, help="image side, a power of two (default 64)")
    p.add_argument("--grey", action="store_true", help="one channel instead of RGB")
    p.add_argument("--free", type=int, default=8, help="free latent dimensions (default 8)")
    p.add_argument("--batch", type=int, default=32, help="global batch, split over the replicas (default 32)")
    p.add_argument("--lr", type=float, default=2e-4, help="Adam learning rate (default 0.0002)")
    p.add_argument("--label-fraction", type=float, default=1.0, help="share of images whose labels are used")
    p.add_argument("--seed", type=int, default=1, help="seed of weights, data order and codes (default 1)")
    p.add_argument("--channels", type=int, default=0,
                   help="feature maps at full resolution (default as the app: 16 to 32 px, 8 at 64, 4 from 128)")
    p.add_argument("--max-channels", type=int, default=128, help="cap on feature maps (default 128)")
    p.add_argument("--hidden", type=int, default=128, help="dense width before the heads (default 128)")
    p.add_argument("--ema-decay", type=float, default=0.999, help="decay of G's moving average (default 0.999)")
    p.add_argument("--checkpoint-every", type=int, default=500, help="steps between checkpoints (default 500)")
    p.add_argument("--log-every", type=int, default=10, help="steps between loss lines (default 10)")
    p.add_argument("--sample-every", type=int, default=250,
                   help="steps between sample grids in OUT/samples (default 250; also at the end)")
    p.add_argument("--name", default="latent-lens-keras-model", help="model name in the manifest")
    p.add_argument("--strategy", choices=("mirrored", "multi-worker"), default="mirrored",
                   help="mirrored: every GPU here; multi-worker: several machines (TF_CONFIG)")
    p.add_argument("--cpu-replicas", type=int, default=0,
                   help="split the CPU into this many logical devices and mirror over them (tests)")
    a = p.parse_args(argv)
    if a.steps < 0 or a.batch < 1 or a.checkpoint_every < 1 or a.log_every < 1 or a.sample_every < 1:
        p.error("--steps must not be negative; --batch, --checkpoint-every, --log-every and --sample-every must be"
                " positive")
    if not 0 <= a.label_fraction <= 1:
        p.error("--label-fraction must be between 0 and 1")
    try:
        categoricals = [(name, tuple(values)) for name, values in map(parse_categorical, a.categorical)]
        category_columns(a.attributes, categoricals)
    except ValueError as e:
        p.error(str(e))
    settings = Settings(
        data=a.data, out=a.out, attributes=a.attributes, steps=a.steps, image_size=a.size,
        channels=1 if a.grey else 3, free_dims=a.free, batch_size=a.batch, learning_rate=a.lr,
        label_fraction=a.label_fraction, seed=a.seed, base_channels=a.channels, max_channels=a.max_channels,
        hidden_units=a.hidden, ema_decay=a.ema_decay, weights=LossWeights(), checkpoint_every=a.checkpoint_every,
        log_every=a.log_every, sample_every=a.sample_every, name=a.name, categoricals=tuple(categoricals))
    settings.architecture()  # validates the sizes before TensorFlow starts
    return settings, a


def main(argv: list[str] | None = None) -> None:
    """Parses the options, sets up the strategy, trains and exports."""
    settings, args = parse(argv)
    # The strategy comes first: logical devices and multi-worker set-up must precede any TensorFlow work.
    strategy = make_strategy(args.strategy, args.cpu_replicas)
    train(settings, strategy, resume=args.resume)


if __name__ == "__main__":
    main()
