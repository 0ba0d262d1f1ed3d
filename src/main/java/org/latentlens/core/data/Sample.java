package org.latentlens.core.data;

import java.awt.image.BufferedImage;

/**
 * One decoded dataset entry.
 *
 * @param name file name or synthetic index, for messages
 * @param image the decoded picture, any size
 * @param labels one value per dataset attribute: 1 present, -1 absent, 0 unknown; empty when unlabelled
 */
public record Sample(String name, BufferedImage image, float[] labels) {}
