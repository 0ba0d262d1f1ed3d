"""A reference Keras 3 trainer for Latent Lens's ``interpretable`` model, for GPUs and several machines.

It trains the same networks with the same losses, weights, latent prior, optimiser and moving
average as the app's own trainer (docs/training.md maps each of them to this code), runs one step on
every replica of a ``tf.distribute.MirroredStrategy`` (all GPUs of a machine) or
``MultiWorkerMirroredStrategy`` (several machines, ``TF_CONFIG``), and writes a Latent Lens bundle
through ``latentlens_export`` with the moving-average generator.

Typical use (``python -m latentlens_train --help`` for every option)::

    python -m latentlens_train --data celeba:/data/celeba --attributes Smiling,Eyeglasses,Male \\
        --size 128 --steps 50000 --batch 128 --out runs/celeba-128

Modules: ``networks`` (E, G, D as Keras models), ``data`` (CelebA-layout or random data as
``tf.data``), ``trainer`` (losses, the distributed step, checkpoints, export).
"""

from latentlens_train.networks import Architecture, build_discriminator, build_encoder, build_generator
from latentlens_train.trainer import InterpretableGanTrainer, LossWeights, Settings, make_strategy, train

__all__ = ["Architecture", "InterpretableGanTrainer", "LossWeights", "Settings", "build_discriminator",
           "build_encoder", "build_generator", "make_strategy", "train"]
