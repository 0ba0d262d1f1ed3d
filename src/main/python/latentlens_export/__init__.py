"""Exports Keras 3 models as a Latent Lens model bundle (docs/model-format.md).

Typical use::

    from latentlens_export import export_bundle

    export_bundle("my-model", generator, encoder, discriminator, name="my-model",
                  attributes=["Smiling"], free_dims=8, image_size=64)

``python -m latentlens_export --help`` does the same for models saved as ``.keras`` files.
"""

from latentlens_export.export import FORMAT_VERSION, build_manifest, export_bundle, saliency_map

__all__ = ["FORMAT_VERSION", "build_manifest", "export_bundle", "saliency_map"]
