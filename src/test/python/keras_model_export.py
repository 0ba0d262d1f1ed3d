"""A Keras 3 generator saved with plain `model.export()`, plus the manifest a user writes for it by hand.

Used by KerasModelExportTest: Latent Lens must open such a bundle through the manifest's `roles` mapping alone
(signature `serving_default`, input named after the Input layer, output `output_0`), with no exporter of ours.
Usage: keras_model_export.py BUNDLE_DIR REFERENCE_DIR
"""
import json
import os
import sys

import keras
import numpy as np
import tensorflow as tf


def main(bundle: str, reference: str) -> None:
    keras.utils.set_random_seed(3)
    z_in = keras.Input(shape=(5,), name="z_in")
    x = keras.layers.Dense(4 * 4 * 8, activation="relu")(z_in)
    x = keras.layers.Reshape((4, 4, 8))(x)
    x = keras.layers.UpSampling2D()(x)
    x = keras.layers.Conv2D(3, 3, padding="same", activation="tanh")(x)
    generator = keras.Model(z_in, x, name="generator")
    os.makedirs(bundle)
    generator.export(os.path.join(bundle, "saved_model"))

    # What `saved_model_cli show --dir ... --all` tells the user: the names to put in the manifest.
    signature = tf.saved_model.load(os.path.join(bundle, "saved_model")).signatures["serving_default"]
    input_name = list(signature.structured_input_signature[1].keys())[0]
    output_name = list(signature.structured_outputs.keys())[0]
    print("serving_default:", input_name, "->", output_name)

    manifest = {
        "format": "latent-lens-model",
        "formatVersion": 1,
        "name": "keras-model-export",
        "image": {"width": 8, "height": 8, "channels": 3, "range": [-1.0, 1.0]},
        "latent": [{"name": f"free_{i}", "kind": "free", "min": -3.0, "max": 3.0} for i in range(5)],
        "attributes": [],
        "roles": {"generate": {"signature": "serving_default", "inputs": {"z": input_name},
                               "outputs": {"image": output_name}}},
    }
    with open(os.path.join(bundle, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)

    os.makedirs(reference)
    z = np.random.default_rng(0).normal(size=(3, 5)).astype("float32")
    np.save(os.path.join(reference, "z.npy"), z)
    np.save(os.path.join(reference, "image.npy"), generator.predict(z, verbose=0).astype("float32"))
    with open(os.path.join(reference, "names.txt"), "w", encoding="utf-8") as f:
        f.write(f"{input_name} {output_name}\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
