"""The ``interpretable`` model's losses and training step under ``tf.distribute``.

Every loss term, weight and optimiser setting is the one of the app's trainer (``TrainingGraph``);
docs/training.md ("Training with Keras and tf.distribute") maps each of them to the code here.

Distribution follows TensorFlow's custom-training-loop pattern: ``strategy.run`` runs one step on
each replica's share of the global batch; every loss is that replica's share of the global mean
(``tf.nn.compute_average_loss`` with the global batch size; masked means divide by the label count
summed over all replicas), and the Keras optimisers sum the gradients over the replicas, so a step
on R replicas equals a step on one device with the whole batch.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from latentlens_export import export_bundle
from latentlens_train.data import TrainingData
from latentlens_train.networks import (Architecture, build_discriminator, build_encoder, build_generator,
                                       encoder_for_export)

BETA1, BETA2, EPSILON = 0.5, 0.99, 1e-8
"""Adam settings of ``TrainingGraph`` (its ApplyAdam uses epsilon 1e-8, Keras's default is 1e-7)."""


@dataclass(frozen=True)
class LossWeights:
    """Weights of the loss terms (``LossWeights.DEFAULT`` in Java)."""

    adversarial: float = 1.0
    attribute: float = 1.0
    info: float = 1.0
    latent: float = 1.0
    reconstruction: float = 10.0
    kl: float = 0.02


@dataclass(frozen=True)
class Settings:
    """One run's settings; defaults are the app trainer's (``TrainingConfig.defaults``)."""

    data: str
    out: str
    attributes: tuple[str, ...]
    steps: int
    image_size: int = 64
    channels: int = 3
    free_dims: int = 8
    batch_size: int = 32
    learning_rate: float = 2e-4
    label_fraction: float = 1.0
    seed: int = 1
    base_channels: int = 0  # 0: 16 up to 32 px, 8 at 64 px, 4 from 128 px, as the app
    max_channels: int = 128
    hidden_units: int = 128
    ema_decay: float = 0.999
    weights: LossWeights = LossWeights()
    checkpoint_every: int = 500
    log_every: int = 10
    sample_every: int = 250
    name: str = "latent-lens-keras-model"
    # One-of-N factors (name, values), e.g. ("Race", ("White", "Black", ...)): one control each in the app.
    categoricals: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def architecture(self) -> Architecture:
        """The network sizes these settings ask for."""
        base = self.base_channels or (16 if self.image_size <= 32 else 8 if self.image_size <= 64 else 4)
        return Architecture(self.image_size, self.channels, len(self.attributes), self.free_dims, base,
                            self.max_channels, self.hidden_units)


def ema_decay(step: tf.Tensor, decay: float) -> tf.Tensor:
    """The moving average's decay at ``step`` (1 for the first step): ``min(decay, (1 + t) / (10 + t))``."""
    t = tf.cast(step, tf.float32)
    return tf.minimum(decay, (1.0 + t) / (10.0 + t))


class _ReplicaMeans:
    """This replica's share of means over the global batch: summed over replicas they give the mean."""

    def __init__(self, global_batch: int) -> None:
        self.global_batch = global_batch

    def examples(self, per_example: tf.Tensor) -> tf.Tensor:
        """Mean over the batch of a [N] tensor."""
        return tf.nn.compute_average_loss(per_example, global_batch_size=self.global_batch)

    def elements(self, values: tf.Tensor) -> tf.Tensor:
        """Mean over every element of an [N, ...] tensor; 0 when it has none (no attributes, no free part)."""
        per_example = values.shape[1:].num_elements()
        if per_example == 0:
            return tf.constant(0.0)
        return self.examples(tf.reduce_mean(tf.reshape(values, [tf.shape(values)[0], -1]), axis=1))

    def masked(self, values: tf.Tensor, mask: tf.Tensor) -> tf.Tensor:
        """Mean of ``values`` where ``mask`` is 1, over the global batch (0 where nothing is labelled)."""
        count = tf.distribute.get_replica_context().all_reduce("sum", tf.reduce_sum(mask))
        return tf.reduce_sum(values * mask) / tf.maximum(count, 1.0)


def interpretable_losses(generator: keras.Model, encoder: keras.Model, discriminator: keras.Model,
                         batch: dict[str, tf.Tensor], w: LossWeights, means: _ReplicaMeans) -> dict[str, tf.Tensor]:
    """Every loss term of ``TrainingGraph`` for one replica's batch, plus the two totals ``D`` and ``GE``."""
    x, labels, mask = batch["images"], batch["labels"], batch["mask"]
    semantic, free, eps = batch["semantic"], batch["free"], batch["eps"]
    softplus = tf.math.softplus

    def bce(logits: tf.Tensor, targets01: tf.Tensor) -> tf.Tensor:
        return tf.nn.sigmoid_cross_entropy_with_logits(labels=targets01, logits=logits)

    # Real path: D on x, E on x, and the VAE path G(E(x)) with the free code sampled from N(mu, sigma^2).
    d_real, d_real_attr = discriminator(x, training=True)
    e_attr, e_semantic, e_mean, e_logvar = encoder(x, training=True)
    reconstruction = generator(tf.concat([e_semantic, e_mean + tf.exp(0.5 * e_logvar) * eps], 1), training=True)
    # Prior path: G(z) with z = [semantic, free].
    fake = generator(tf.concat([semantic, free], 1), training=True)
    d_fake, d_fake_attr = discriminator(fake, training=True)
    d_rec, _ = discriminator(reconstruction, training=True)
    f_attr, f_semantic, f_mean, _ = encoder(fake, training=True)
    d_real, d_fake, d_rec = (tf.reshape(r, [-1]) for r in (d_real, d_fake, d_rec))

    targets01 = (labels + 1.0) * 0.5
    present = tf.cast(semantic > 0, tf.float32)
    t: dict[str, tf.Tensor] = {
        "d_adv": means.examples(softplus(-d_real) + 0.5 * softplus(d_fake) + 0.5 * softplus(d_rec)),
        "g_adv": means.examples(0.5 * softplus(-d_fake) + 0.5 * softplus(-d_rec)),
        "attr_D": means.masked(bce(d_real_attr, targets01), mask),
        "attr_E": means.masked(bce(e_attr, targets01), mask) + means.masked(tf.square(e_semantic - labels), mask),
        "info": means.elements(bce(d_fake_attr, present)) + means.elements(bce(f_attr, present)),
        "latent": means.elements(tf.square(f_semantic - semantic)) + means.elements(tf.square(f_mean - free)),
        "recon_l1": means.elements(tf.abs(reconstruction - x)),
        "kl": means.examples(tf.reduce_sum(0.5 * (tf.square(e_mean) + tf.exp(e_logvar) - 1.0 - e_logvar), 1)),
    }
    t["D"] = w.adversarial * t["d_adv"] + w.attribute * t["attr_D"]
    t["GE"] = (w.adversarial * t["g_adv"] + w.info * t["info"] + w.latent * t["latent"] + w.attribute * t["attr_E"]
               + w.reconstruction * t["recon_l1"] + w.kl * t["kl"])
    return t


class InterpretableGanTrainer:
    """E, G, D, the moving average of G and two Adam optimisers, created in ``strategy``'s scope."""

    def __init__(self, strategy: tf.distribute.Strategy, settings: Settings) -> None:
        self.strategy = strategy
        self.settings = settings
        arch = settings.architecture()
        with strategy.scope():
            self.generator = build_generator(arch)
            self.generator_ema = build_generator(arch, name="generator_ema")
            self.encoder = build_encoder(arch)
            self.discriminator = build_discriminator(arch)
            adam = dict(learning_rate=settings.learning_rate, beta_1=BETA1, beta_2=BETA2, epsilon=EPSILON)
            self.opt_d = keras.optimizers.Adam(**adam)
            self.opt_ge = keras.optimizers.Adam(**adam)
            # Slots are created here, in the strategy's scope, not on the first step inside a replica.
            self.opt_d.build(self.discriminator.trainable_variables)
            self.opt_ge.build(self._ge_variables())
        self.generator_ema.set_weights(self.generator.get_weights())
        self._means = _ReplicaMeans(settings.batch_size)
        self._step = tf.function(self._distributed_step)

    def _ge_variables(self) -> list:
        return self.generator.trainable_variables + self.encoder.trainable_variables

    def checkpoint(self) -> tf.train.Checkpoint:
        """Everything a resumed run needs: weights, the moving average and both optimisers (step included)."""
        return tf.train.Checkpoint(generator=self.generator, generator_ema=self.generator_ema, encoder=self.encoder,
                                   discriminator=self.discriminator, opt_d=self.opt_d, opt_ge=self.opt_ge)

    @property
    def step(self) -> int:
        """Steps done so far."""
        return int(self.opt_ge.iterations.numpy())

    def _replica_step(self, batch: dict[str, tf.Tensor]) -> dict[str, tf.Tensor]:
        with tf.GradientTape(persistent=True) as tape:
            losses = interpretable_losses(self.generator, self.encoder, self.discriminator, batch,
                                          self.settings.weights, self._means)
        # D and G+E are updated simultaneously: both gradients come from the same weights.
        d_vars, ge_vars = self.discriminator.trainable_variables, self._ge_variables()
        d_grads = tape.gradient(losses["D"], d_vars)
        ge_grads = tape.gradient(losses["GE"], ge_vars)
        del tape
        self.opt_d.apply_gradients(zip(d_grads, d_vars))
        self.opt_ge.apply_gradients(zip(ge_grads, ge_vars))
        return losses

    def _distributed_step(self, batch: Any) -> dict[str, tf.Tensor]:
        per_replica = self.strategy.run(self._replica_step, args=(batch,))
        losses = {k: self.strategy.reduce(tf.distribute.ReduceOp.SUM, v, axis=None) for k, v in per_replica.items()}
        # The exported generator is a moving average of G's weights, updated after G's step.
        decay = ema_decay(self.opt_ge.iterations, self.settings.ema_decay)
        for average, weight in zip(self.generator_ema.weights, self.generator.weights):
            average.assign(decay * average + (1.0 - decay) * weight)
        return losses

    def train_step(self, batch: Any) -> dict[str, tf.Tensor]:
        """One update of all networks on a distributed global batch; returns the loss values."""
        return self._step(batch)

    def export(self, out_dir: Path, description: str, training: dict[str, Any]) -> Path:
        """Writes the bundle through ``latentlens_export``: E, D and the moving-average G as the generator."""
        arch = self.settings.architecture()
        # Plain copies outside the strategy: the SavedModel then holds ordinary variables, no device copies.
        generator, encoder, discriminator = build_generator(arch), build_encoder(arch), build_discriminator(arch)
        generator.set_weights(self.generator_ema.get_weights())
        encoder.set_weights(self.encoder.get_weights())
        discriminator.set_weights(self.discriminator.get_weights())
        return export_bundle(out_dir, generator, encoder_for_export(encoder), discriminator, name=self.settings.name,
                             description=description, attributes=list(self.settings.attributes),
                             free_dims=arch.free_dims, image_size=arch.image_size, channels=arch.channels,
                             # Signed labels (-1 absent): open on a face without the attributes, as the app's do.
                             semantic_default=-1.0, categorical=dict(self.settings.categoricals), training=training,
                             overwrite=True)


SAMPLES_DIR = "samples"
"""Where a run's sample grids go, as the app's trainer's (``SampleGrids.SAMPLES_DIR``)."""


def sample_grid(images: np.ndarray, columns: int = 8, gap: int = 2) -> np.ndarray:
    """Tiles ``[N, H, W, C]`` images in [-1, 1] as 8-bit RGB with thin dark gaps, as the app's ``ContactSheet.grid``."""
    n, h, w, _ = images.shape
    rows = -(-n // columns)
    grid = np.empty((rows * h + (rows + 1) * gap, columns * w + (columns + 1) * gap, 3), np.uint8)
    grid[:] = (32, 32, 36)
    pixels = np.clip(np.rint((images + 1.0) * 127.5), 0, 255).astype(np.uint8)
    if pixels.shape[-1] == 1:
        pixels = np.repeat(pixels, 3, axis=-1)
    for i in range(n):
        y, x = gap + (i // columns) * (h + gap), gap + (i % columns) * (w + gap)
        grid[y:y + h, x:x + w] = pixels[i]
    return grid


def write_samples(generator: keras.Model, codes: np.ndarray, folder: Path, step: int) -> Path:
    """Draws ``codes`` with ``generator`` and writes ``folder/step-NNNNNNN.png`` atomically (never half a picture)."""
    folder.mkdir(parents=True, exist_ok=True)
    images = np.asarray(generator(tf.constant(codes, tf.float32), training=False))
    target = folder / f"step-{step:07d}.png"
    partial = target.with_suffix(".png.tmp")
    partial.write_bytes(tf.io.encode_png(sample_grid(images)).numpy())
    os.replace(partial, target)
    return target


def make_strategy(kind: str = "mirrored", cpu_replicas: int = 0) -> tf.distribute.Strategy:
    """The distribution strategy; call before any other TensorFlow work.

    Args:
        kind: ``mirrored`` (every GPU of this machine; the CPU when there is none) or ``multi-worker``
            (several machines, each described by the ``TF_CONFIG`` environment variable).
        cpu_replicas: with 2 or more, split the CPU into that many logical devices and mirror over them:
            the multi-replica code path on a machine without GPUs (tests).
    """
    if cpu_replicas > 1:
        cpu = tf.config.list_physical_devices("CPU")[0]
        tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * cpu_replicas)
    if kind == "multi-worker":
        return tf.distribute.MultiWorkerMirroredStrategy()
    if kind != "mirrored":
        raise ValueError(f"--strategy must be mirrored or multi-worker, not {kind!r}")
    if cpu_replicas > 1:
        return tf.distribute.MirroredStrategy([d.name for d in tf.config.list_logical_devices("CPU")])
    return tf.distribute.MirroredStrategy()


def _is_chief(strategy: tf.distribute.Strategy) -> bool:
    """Whether this process writes the logs and the bundle (always, except on non-chief workers)."""
    resolver = getattr(strategy, "cluster_resolver", None)
    if resolver is None or not resolver.task_type:
        return True
    if resolver.task_type == "chief":
        return True
    return resolver.task_type == "worker" and resolver.task_id == 0 and "chief" not in resolver.cluster_spec().jobs


def train(settings: Settings, strategy: tf.distribute.Strategy, resume: bool = False) -> Path | None:
    """Trains to ``settings.steps`` and exports; returns the bundle folder (None on non-chief workers).

    ``OUT/model`` gets the bundle, ``OUT/checkpoints`` the newest two checkpoints, ``OUT/metrics.jsonl``
    one line of losses per logged step, ``OUT/samples`` a grid of 32 fixed codes (``codes.json``) every
    ``sample_every`` steps and at the end, and ``OUT/run.json`` the settings.
    """
    out = Path(settings.out)
    chief = _is_chief(strategy)
    replicas = strategy.num_replicas_in_sync
    devices = strategy.extended.worker_devices
    print(f"replicas: {replicas} ({', '.join(devices)})", flush=True)
    if settings.batch_size % replicas:
        raise ValueError(f"--batch {settings.batch_size} must be a multiple of the {replicas} replicas")
    keras.utils.set_random_seed(settings.seed)
    data = TrainingData(settings.data, settings.attributes, image_size=settings.image_size,
                        channels=settings.channels, free_dims=settings.free_dims,
                        label_fraction=settings.label_fraction, seed=settings.seed,
                        categoricals=settings.categoricals)
    trainer = InterpretableGanTrainer(strategy, settings)
    # Every worker saves (the save is collective); only the chief's copy is kept.
    checkpoint_dir = out / "checkpoints" if chief else Path(tempfile.mkdtemp(prefix="latentlens-worker-"))
    manager = tf.train.CheckpointManager(trainer.checkpoint(), str(checkpoint_dir), max_to_keep=2)
    if resume:
        if manager.latest_checkpoint is None:
            raise ValueError(f"--resume: {checkpoint_dir} holds no checkpoint")
        trainer.checkpoint().restore(manager.latest_checkpoint).assert_existing_objects_matched()
        print(f"resumed at step {trainer.step} from {manager.latest_checkpoint}", flush=True)
    start = trainer.step
    if chief:
        out.mkdir(parents=True, exist_ok=True)
        (out / "run.json").write_text(json.dumps(asdict(settings), indent=2) + "\n", encoding="utf-8")
    batches = iter(strategy.distribute_datasets_from_function(
        lambda context: data.dataset(settings.batch_size, start, context)))
    metrics = (out / "metrics.jsonl").open("a", encoding="utf-8") if chief else None
    sample_codes = data.sample_codes()
    if chief:
        (out / SAMPLES_DIR).mkdir(exist_ok=True)
        (out / SAMPLES_DIR / "codes.json").write_text(json.dumps({"codes": sample_codes.tolist()}) + "\n",
                                                    encoding="utf-8")
    try:
        clock, clock_step = time.perf_counter(), start
        for step in range(start + 1, settings.steps + 1):
            losses = trainer.train_step(next(batches))
            save = step % settings.checkpoint_every == 0 or step == settings.steps
            first = step == start + 1  # logged apart: it includes tracing the step function
            if chief and (step % settings.sample_every == 0 or step == settings.steps):
                # The moving average, which is what the bundle exports: the grid shows the model as it would ship.
                write_samples(trainer.generator_ema, sample_codes, out / SAMPLES_DIR, step)
            if not (save or first or step % settings.log_every == 0):
                continue
            # Non-finite weights give non-finite losses from then on, so a check here keeps them out of checkpoints.
            values = {k: float(v) for k, v in losses.items()}
            if not all(math.isfinite(v) for v in values.values()):
                raise SystemExit(f"training diverged at step {step}: losses {values}; nothing was saved from this "
                                 f"state. Resume from the last checkpoint (--resume) with a lower --lr.")
            now = time.perf_counter()
            rate = (step - clock_step) * settings.batch_size / max(now - clock, 1e-9)
            speed = f"traced and ran in {now - clock:.1f} s" if first else f"{rate:.1f} images/s"
            clock, clock_step = now, step
            print(f"step {step}/{settings.steps}  D {values['D']:.4f}  GE {values['GE']:.4f}  "
                  f"recon_l1 {values['recon_l1']:.4f}  {speed}", flush=True)
            if metrics is not None:
                metrics.write(json.dumps({"step": step, "replicas": replicas, "imagesPerSecond": rate,
                                          "losses": values}) + "\n")
                metrics.flush()
            if save:
                manager.save(checkpoint_number=step)
        if start >= settings.steps:
            print(f"already at step {start}; exporting", flush=True)
    finally:
        if metrics is not None:
            metrics.close()
    if not chief:
        shutil.rmtree(checkpoint_dir, ignore_errors=True)
        _barrier(strategy)  # stay in the cluster until the chief has exported
        return None
    size, arch = settings.image_size, settings.architecture()
    # The keys of TrainingConfig.hyperParameters, so the model card reads the same for both trainers.
    hyper: dict[str, Any] = {
        "imageSize": size, "attributes": ",".join(settings.attributes), "freeDims": settings.free_dims,
        "batchSize": settings.batch_size, "learningRate": settings.learning_rate,
        "labelFraction": settings.label_fraction, "seed": settings.seed, "baseChannels": arch.base_channels,
        "maxChannels": arch.max_channels, "hiddenUnits": arch.hidden_units, "emaDecay": settings.ema_decay,
        **{f"w.{k}": v for k, v in asdict(settings.weights).items()},
        "trainer": "latentlens_train (Keras 3, tf.distribute)", "replicas": replicas}
    if settings.categoricals:
        hyper["categorical"] = " ".join(f"{n}={','.join(v)}" for n, v in settings.categoricals)
    bundle = trainer.export(
        out / "model", f"Trained by latentlens_train on {data.description} at {size}x{size} ({replicas} replicas).",
        {"dataset": data.description, "steps": trainer.step,
         "date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "hyperParameters": hyper})
    print(f"wrote {bundle}", flush=True)
    _barrier(strategy)
    return bundle


def _barrier(strategy: tf.distribute.Strategy) -> None:
    """Waits for every worker: a worker that leaves early makes the others' collectives fail."""
    if not isinstance(strategy, tf.distribute.MultiWorkerMirroredStrategy):
        return

    def one() -> tf.Tensor:
        return tf.distribute.get_replica_context().all_reduce("sum", 1.0)

    @tf.function
    def everyone() -> tf.Tensor:
        return strategy.run(one)

    everyone()
