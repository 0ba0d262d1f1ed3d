"""Command line: export models saved as ``.keras`` files into a Latent Lens bundle.

Example::

    python -m latentlens_export my-model --generator g.keras --encoder e.keras \\
        --discriminator d.keras --attributes Smiling,Eyeglasses --free-dims 8 --image-size 64

Models with custom layers must have them registered (``keras.saving.register_keras_serializable``)
and importable; for those, calling ``export_bundle`` from your own script is simpler.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import keras

from latentlens_export.export import export_bundle, parse_categorical


def _names(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _load(path: Path | None) -> keras.Model | None:
    return None if path is None else keras.saving.load_model(path, compile=False)


def main(argv: list[str] | None = None) -> None:
    """Parses the arguments, loads the models and writes the bundle."""
    parser = argparse.ArgumentParser(prog="python -m latentlens_export",
                                     description="Write a Latent Lens model bundle from .keras models.")
    parser.add_argument("out_dir", type=Path, help="bundle folder to write")
    parser.add_argument("--generator", type=Path, required=True, help="z [N, D] -> image [N, H, W, C]")
    parser.add_argument("--encoder", type=Path, help="image -> (latent [N, D], attribute logits [N, A])")
    parser.add_argument("--discriminator", type=Path, help="image -> (realism [N] or [N, 1], attribute logits)")
    parser.add_argument("--name", help="display name (default: the folder name)")
    parser.add_argument("--description", default="", help="one or two sentences for people")
    parser.add_argument("--attributes", type=_names, required=True, help="comma-separated attribute names")
    parser.add_argument("--semantic", type=_names, help="attributes with a latent dimension (default: all)")
    parser.add_argument("--free-dims", type=int, required=True, help="number of free latent dimensions")
    parser.add_argument("--image-size", type=int, required=True, help="side of the square images")
    parser.add_argument("--channels", type=int, default=3, choices=(1, 3))
    parser.add_argument("--range", type=float, nargs=2, default=(-1.0, 1.0), metavar=("MIN", "MAX"),
                        help="value range of image tensors (default: -1 1)")
    parser.add_argument("--semantic-default", type=float, default=0.0,
                        help="where semantic sliders start (default: 0; -1 for signed labels, attribute absent)")
    parser.add_argument("--categorical", action="append", default=[], metavar="NAME=A,B,...",
                        help="semantic dimensions that are one of N (e.g. Race=White,Black,Asian): one choice in the"
                             " app; repeat for several factors")
    parser.add_argument("--no-saliency", action="store_true", help="leave out the saliency signature")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing bundle folder")
    args = parser.parse_args(argv)
    try:
        categorical = [parse_categorical(text) for text in args.categorical]
    except ValueError as e:
        parser.error(str(e))

    out = export_bundle(
        args.out_dir, _load(args.generator), _load(args.encoder), _load(args.discriminator),
        name=args.name or args.out_dir.name, description=args.description, attributes=args.attributes,
        semantic=args.semantic, free_dims=args.free_dims, image_size=args.image_size, channels=args.channels,
        value_range=tuple(args.range), semantic_default=args.semantic_default,
        categorical=categorical, saliency=not args.no_saliency,
        overwrite=args.overwrite)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
