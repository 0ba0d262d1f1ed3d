package org.latentlens.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a {@link ModelRole} lives in a model: the signature key and the model's names for our tensors.
 *
 * @param signature the SavedModel signature key (for example {@code serving_default})
 * @param tensors our tensor name ({@code z}, {@code image}, ...) to the model's name ({@code z_in},
 *     {@code output_0}, ...); names not listed are the same in both
 */
public record RoleBinding(String signature, Map<String, String> tensors) {

    /** Copies the map. */
    public RoleBinding {
        Objects.requireNonNull(signature, "signature");
        if (signature.isBlank()) {
            throw new IllegalArgumentException("a role's signature key must not be empty");
        }
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors == null ? Map.of() : tensors));
    }

    /** The binding used when the manifest says nothing: the role's own key and our tensor names. */
    public static RoleBinding defaultFor(ModelRole role) {
        return new RoleBinding(role.key(), Map.of());
    }

    /** The model's name for our tensor {@code ours}. */
    public String tensor(String ours) {
        return tensors.getOrDefault(ours, ours);
    }

    /** Whether this binding says anything beyond the defaults of {@code role}. */
    public boolean isDefaultFor(ModelRole role) {
        return signature.equals(role.key()) && tensors.isEmpty();
    }
}
