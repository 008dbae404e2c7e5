package io.sparkdmf.light.scene;

import io.sparkdmf.core.linalg.Matrix;
import java.io.Serializable;

/**
 * A scene for blind light transport: the observed video Z (observed pixels x frames) is the product of
 * the transport T (observed pixels x hidden pixels) and the hidden video L (hidden pixels x frames),
 * both non-negative, plus sensor noise. Generated scenes keep T and L as the ground truth.
 *
 * @param observed Z, with the noise
 */
public record LightScene(String name, Matrix transport, Matrix hidden, Matrix observed, FrameShape observedShape,
    FrameShape hiddenShape) implements Serializable {

  public LightScene {
    if (transport.rows() != observedShape.pixels() || transport.cols() != hiddenShape.pixels()
        || hidden.rows() != hiddenShape.pixels() || observed.rows() != observedShape.pixels()
        || observed.cols() != hidden.cols()) {
      throw new IllegalArgumentException("scene shapes disagree: T " + transport.rows() + "x" + transport.cols()
          + ", L " + hidden.rows() + "x" + hidden.cols() + ", Z " + observed.rows() + "x" + observed.cols()
          + " for " + observedShape + " observed and " + hiddenShape + " hidden pixels");
    }
  }

  public int frames() {
    return hidden.cols();
  }
}
