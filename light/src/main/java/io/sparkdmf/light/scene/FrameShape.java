package io.sparkdmf.light.scene;

import java.io.Serializable;

/**
 * The pixel grid of a frame: {@code height} x {@code width}, pixels numbered row by row (pixel
 * {@code r * width + c}). A 1-D scene has width 1.
 */
public record FrameShape(int height, int width) implements Serializable {

  public FrameShape {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException("a frame needs at least one pixel, got " + height + "x" + width);
    }
  }

  public int pixels() {
    return height * width;
  }

  /** "16x16" or "64" (a single column). */
  public static FrameShape parse(String text) {
    String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("x", -1);
    try {
      if (parts.length == 1) {
        return new FrameShape(Integer.parseInt(parts[0].trim()), 1);
      }
      if (parts.length == 2) {
        return new FrameShape(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("a frame size is HEIGHTxWIDTH (e.g. 16x16), got '" + text + "'");
  }

  @Override
  public String toString() {
    return width == 1 ? Integer.toString(height) : height + "x" + width;
  }
}
