package org.latentlens.core.model;

/**
 * How a {@link ModelLoader} opens a bundle.
 *
 * @param trusted whether the user vouches for the model's source: a trusted model may use operations beyond
 *     pure computation (file access, Python calls, logging), which an untrusted one is refused for
 */
public record LoadOptions(boolean trusted) {
    /** The default: refuse models whose graph does more than compute. */
    public static final LoadOptions UNTRUSTED = new LoadOptions(false);
    /** The user trusts the model's source ({@code --trust}, or "Open anyway" in the app). */
    public static final LoadOptions TRUSTED = new LoadOptions(true);
}
