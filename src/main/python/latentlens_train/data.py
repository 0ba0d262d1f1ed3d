"""Training data as a ``tf.data`` pipeline: CelebA-layout folders, or random images for tests.

A CelebA-layout folder holds ``list_attr_celeba.txt`` (or ``list_attr.txt``): line 1 the image count,
line 2 the attribute names, then ``file v1 v2 ...`` rows with values 1, -1 (or 0, unknown); CRLF or
LF. Images are in ``images/``, ``img_align_celeba/``, ``img_celeba/`` or beside the file. Rows are
read and left out exactly as the app's ``CelebaDataset`` does, and the same fixed 5% of entries is
held out (``Splits.isHeldOut``), so ``latent-lens evaluate`` measures a model trained here on images
it never saw. ``--label-fraction`` keeps the labels of the same seeded subset as ``LabelMask``.

Each element of the pipeline is a batch dict: ``images`` [N, S, S, C] in [-1, 1], ``labels`` [N, A]
(+1/-1, 0 unknown), ``mask`` [N, A] (1 where a label is used), and the latent codes the step feeds G:
``semantic`` [N, A] (+-U(0.6, 1.4)), ``free`` [N, F] and ``eps`` [N, F] (both N(0, 1)).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import tensorflow as tf

from latentlens_export.export import categorical_factors

ATTRIBUTE_FILES = ("list_attr_celeba.txt", "list_attr.txt")
IMAGE_FOLDERS = ("images", "img_align_celeba", "img_celeba")
MIN_STRENGTH, MAX_STRENGTH = 0.6, 1.4
"""Range of a semantic value's magnitude in the prior (``LatentSampler``)."""

_U64 = (1 << 64) - 1


@dataclass(frozen=True)
class LabelledImages:
    """Image files and their labels: ``labels[i]`` (+1, -1 or 0 per attribute) belongs to ``files[i]``."""

    description: str
    files: list[str]
    labels: np.ndarray
    attributes: list[str]


def is_held_out(index: int) -> bool:
    """Whether entry ``index`` of a file dataset is among the fixed 5% the app never trains on (``Splits``)."""
    z = (index * 0x9E3779B97F4A7C15 + 0x2545F4914F6CDD1D) & _U64
    z = ((z ^ (z >> 33)) * 0xFF51AFD7ED558CCD) & _U64
    z ^= z >> 33
    signed = z - (1 << 64) if z >> 63 else z
    return signed % 20 == 0  # Python's % is Java's Math.floorMod


def uses_labels(seed: int, index: int, fraction: float) -> bool:
    """Whether training entry ``index`` keeps its labels under ``--label-fraction`` (``LabelMask``)."""
    if fraction >= 1:
        return True
    if fraction <= 0:
        return False
    z = (seed * 0x9E3779B97F4A7C15 + index) & _U64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _U64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _U64
    z ^= z >> 31
    return (z >> 11) * 2.0**-53 < fraction


def read_celeba(path: Path) -> LabelledImages:
    """Reads a CelebA-layout folder (or its attribute file); bad rows and missing images are left out."""
    attr_file = path if path.is_file() else next((path / n for n in ATTRIBUTE_FILES if (path / n).is_file()), None)
    if attr_file is None:
        raise ValueError(f"{path} has no attribute file ({' or '.join(ATTRIBUTE_FILES)})")
    folder = attr_file.resolve().parent
    image_dir = next((folder / n for n in IMAGE_FOLDERS if (folder / n).is_dir()), folder)
    lines = attr_file.read_text(encoding="utf-8-sig").splitlines()  # CRLF or LF; a BOM is dropped
    if len(lines) < 2 or not lines[1].strip():
        raise ValueError(f"{attr_file} needs a count line and an attribute-name line")
    attributes = lines[1].split()
    values = {"1": 1, "-1": -1, "0": 0}
    files: list[str] = []
    labels: list[list[int]] = []
    skipped = 0
    for line in lines[2:]:
        parts = line.split()
        if not parts:
            continue
        image = (image_dir / parts[0]).resolve()
        if (len(parts) != len(attributes) + 1 or any(v not in values for v in parts[1:])
                or not image.is_relative_to(image_dir.resolve()) or not image.is_file()):
            skipped += 1
            continue
        files.append(str(image))
        labels.append([values[v] for v in parts[1:]])
    if skipped:
        print(f"{attr_file}: {skipped} rows left out (wrong length, bad values or missing images)", flush=True)
    return LabelledImages(f"celeba:{path}", files, np.array(labels, np.float32).reshape(-1, len(attributes)),
                          attributes)


def training_split(data: LabelledImages) -> LabelledImages:
    """The entries the app's trainer would train on: all but the held-out 5%."""
    keep = [i for i in range(len(data.files)) if not is_held_out(i)]
    return LabelledImages(data.description, [data.files[i] for i in keep], data.labels[keep], data.attributes)


def select_attributes(data: LabelledImages, names: Sequence[str]) -> np.ndarray:
    """The label columns of ``names`` [N, len(names)], in that order."""
    missing = [n for n in names if n not in data.attributes]
    if missing:
        raise ValueError(f"the data has no attribute {missing}; it has {data.attributes}")
    return data.labels[:, [data.attributes.index(n) for n in names]]


def _load_image(path: tf.Tensor, size: int, channels: int) -> tf.Tensor:
    """Decodes an image file, takes its centre square, resizes it and maps it to [-1, 1]."""
    image = tf.io.decode_image(tf.io.read_file(path), channels=channels, expand_animations=False)
    shape = tf.shape(image)
    side = tf.minimum(shape[0], shape[1])
    image = tf.image.crop_to_bounding_box(image, (shape[0] - side) // 2, (shape[1] - side) // 2, side, side)
    image = tf.image.resize(tf.cast(image, tf.float32), [size, size], antialias=True)
    return tf.clip_by_value(image / 127.5 - 1.0, -1.0, 1.0)


def random_images(count: int, size: int, attributes: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Random test pictures whose labels are visible: attribute j tints a band of rows.

    Returns images [count, size, size, 3] in [-1, 1] and labels [count, attributes] of +-1.
    """
    rng = np.random.default_rng(seed)
    labels = rng.choice(np.array([-1.0, 1.0], np.float32), (count, attributes))
    images = rng.uniform(-0.5, 0.5, (count, 1, 1, 3)) + rng.normal(0, 0.1, (count, size, size, 3))
    band = max(1, size // max(1, attributes))
    for j in range(attributes):
        images[:, j * band:(j + 1) * band, :, j % 3] += 0.4 * labels[:, j, None, None]
    return np.clip(images, -1, 1).astype(np.float32), labels


def category_columns(attributes: Sequence[str], categoricals: Sequence[tuple[str, Sequence[str]]]
                     ) -> tuple[tuple[int, ...], ...]:
    """The semantic columns of each categorical factor (every attribute is a semantic dimension here).

    Raises:
        ValueError: as ``latentlens_export.categorical_factors`` does, which the bundle's manifest goes through.
    """
    lower = [a.lower() for a in attributes]
    return tuple(tuple(lower.index(v.lower()) for v in factor["values"])
                 for factor in categorical_factors(categoricals, attributes))


def _with_codes(step: tf.Tensor, batch: dict[str, tf.Tensor], semantic_dims: int, free_dims: int,
                seed: int, groups: Sequence[Sequence[int]] = ()) -> dict[str, tf.Tensor]:
    """Adds the prior's codes to a batch; seeded by (seed, step), so a resumed run draws the same ones.

    ``groups``: the semantic columns of each categorical factor; each gets exactly one value present (chosen
    uniformly, every value equally often, as the app's trainer does), the others absent.
    """
    n = tf.shape(batch["images"])[0]

    def draw(k: int, shape: list, normal: bool) -> tf.Tensor:
        s = tf.stack([tf.constant(seed, tf.int64), step * 4 + k])
        return tf.random.stateless_normal(shape, s) if normal else tf.random.stateless_uniform(shape, s)

    coin = draw(0, [n, semantic_dims], False)
    sign = tf.where(coin < 0.5, -1.0, 1.0)
    if groups:
        columns = tf.unstack(sign, num=semantic_dims, axis=1)
        for group in groups:
            # The group's first coin picks the value: no extra random stream, so runs without groups draw as before.
            choice = tf.minimum(tf.cast(coin[:, group[0]] * len(group), tf.int32), len(group) - 1)
            for k, column in enumerate(group):
                columns[column] = tf.where(tf.equal(choice, k), 1.0, -1.0)
        sign = tf.stack(columns, axis=1)
    strength = MIN_STRENGTH + (MAX_STRENGTH - MIN_STRENGTH) * draw(1, [n, semantic_dims], False)
    return {**batch, "semantic": sign * strength, "free": draw(2, [n, free_dims], True),
            "eps": draw(3, [n, free_dims], True)}


class TrainingData:
    """The training entries of ``--data`` and a factory of ``tf.data`` pipelines over them.

    Args:
        data: ``celeba:PATH`` or ``random:COUNT`` (random test pictures, see :func:`random_images`).
        attributes: attributes that become semantic dimensions, in latent order.
        categoricals: one-of-N factors ``(name, values)``, each value one of ``attributes``.
        label_fraction: share of training entries whose labels are used (the rest count as unlabelled).
        seed: seed of data order, codes and the label subset.
    """

    def __init__(self, data: str, attributes: Sequence[str], *, image_size: int, channels: int, free_dims: int,
                 label_fraction: float, seed: int, categoricals: Sequence[tuple[str, Sequence[str]]] = ()) -> None:
        self.image_size, self.channels, self.free_dims, self.seed = image_size, channels, free_dims, seed
        self.semantic_dims = len(attributes)
        self.groups = category_columns(attributes, categoricals)
        kind, _, arg = data.partition(":")
        if kind == "celeba" and arg:
            full = read_celeba(Path(arg))
            train = training_split(full)
            if not train.files:
                raise ValueError(f"{data} has no usable images")
            self._entries: tuple = (train.files, select_attributes(train, attributes))
            self._files = True
            self.description = full.description
            print(f"data: {len(full.files)} images, {len(train.files)} for training "
                  f"({len(full.files) - len(train.files)} held out)", flush=True)
        elif kind == "random" and arg.isdigit() and int(arg) > 0:
            pictures, labels = random_images(int(arg), image_size, len(attributes), seed)
            self._entries = (pictures if channels == 3 else pictures.mean(axis=-1, keepdims=True), labels)
            self._files = False
            self.description = data
        else:
            raise ValueError(f"--data must be celeba:PATH or random:COUNT, not {data!r}")
        self.count = len(self._entries[0])
        self._kept = np.array([uses_labels(seed, i, label_fraction) for i in range(self.count)], np.float32)
        print(f"labels used for {int(self._kept.sum())} of {self.count} training images", flush=True)

    def sample_codes(self, count: int = 32) -> np.ndarray:
        """Fixed prior codes ``[count, semantic + free]`` for the run's sample grids, from the seed alone.

        Drawn as a step's codes are, but under ``seed + 99`` (the app's ``SampleGrids`` offset), so no training step
        ever draws them; a resumed run draws the same ones.
        """
        codes = _with_codes(tf.constant(0, tf.int64), {"images": tf.zeros([count, 1])}, self.semantic_dims,
                            self.free_dims, self.seed + 99, self.groups)
        return np.concatenate([codes["semantic"].numpy(), codes["free"].numpy()], axis=1)

    def dataset(self, global_batch: int, start_step: int = 0,
                context: tf.distribute.InputContext | None = None) -> tf.data.Dataset:
        """An endless, shuffled dataset of batch dicts for one input pipeline.

        With ``context`` (``strategy.distribute_datasets_from_function``) the entries are sharded between
        the pipelines (one per worker) and batches hold one replica's share of ``global_batch``.
        ``start_step`` is where a resumed run continues: data order and codes depend on it.
        """
        context = context or tf.distribute.InputContext()
        batch = context.get_per_replica_batch_size(global_batch)
        # Each pipeline feeds batches to its replicas in turn: one batch per replica and step.
        start = start_step * (context.num_replicas_in_sync // context.num_input_pipelines)
        source = tf.data.Dataset.from_tensor_slices((*self._entries, np.arange(self.count)))
        source = source.shard(context.num_input_pipelines, context.input_pipeline_id)
        source = source.shuffle(max(1, self.count // context.num_input_pipelines), seed=self.seed + start).repeat()
        if self._files:
            source = source.map(lambda f, y, i: (_load_image(f, self.image_size, self.channels), y, i),
                                num_parallel_calls=tf.data.AUTOTUNE, deterministic=False).ignore_errors()
        kept = tf.constant(self._kept)

        def to_dict(image: tf.Tensor, label: tf.Tensor, index: tf.Tensor) -> dict[str, tf.Tensor]:
            label = tf.cast(label, tf.float32)
            mask = tf.cast(tf.not_equal(label, 0.0), tf.float32) * tf.gather(kept, index)
            size = self.image_size
            return {"images": tf.ensure_shape(image, [size, size, self.channels]), "labels": label, "mask": mask}

        ds = source.map(to_dict).batch(batch, drop_remainder=True).enumerate(start=start)
        code_seed = self.seed * 1009 + context.input_pipeline_id
        ds = ds.map(lambda i, b: _with_codes(i, b, self.semantic_dims, self.free_dims, code_seed, self.groups))
        return ds.prefetch(tf.data.AUTOTUNE)
