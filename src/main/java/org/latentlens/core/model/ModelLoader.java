package org.latentlens.core.model;

import java.nio.file.Path;

/** Opens model bundles; the one implementation lives in the {@code tensorflow} package. */
public interface ModelLoader {
  /**
   * Loads and validates the bundle in {@code bundleDir}.
   *
   * @throws ModelBundleException with a message for the user when the bundle is unusable
   */
  GanModel load(Path bundleDir) throws ModelBundleException;
}
