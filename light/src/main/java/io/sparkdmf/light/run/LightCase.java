package io.sparkdmf.light.run;

import io.sparkdmf.light.dip.DipSettings;
import io.sparkdmf.light.scene.FrameShape;
import io.sparkdmf.light.scene.LightScene;
import io.sparkdmf.light.scene.PhysicalScene;
import io.sparkdmf.light.scene.ToyScene;
import java.io.Serializable;

/**
 * A synthetic case of the experiment: how its scene is generated from a seed and how each method is
 * set up for it.
 *
 * @param nmfIterations Lee-Seung iterations
 * @param alsIterations ALS iterations
 */
public record LightCase(String name, SceneSource scenes, DipSettings dip, int nmfIterations, int alsIterations)
    implements Serializable {

  /** The scene of a seed. */
  @FunctionalInterface
  public interface SceneSource extends Serializable {
    LightScene generate(long seed);
  }

  /** The 1-D toy: n x n transport, n hidden pixels over {@code frames} frames. */
  public static LightCase toy(int n, int frames, DipSettings dip) {
    return new LightCase("toy-1d", seed -> ToyScene.generate(n, frames, seed), dip, NMF_ITERATIONS, ALS_ITERATIONS);
  }

  /** The 2-D scene: a hidden video seen on a wall past an occluder. */
  public static LightCase scene2d(FrameShape hidden, FrameShape observed, int frames, DipSettings dip) {
    return new LightCase("scene-2d", seed -> PhysicalScene.generate(hidden, observed, frames, seed), dip,
        NMF_ITERATIONS, ALS_ITERATIONS);
  }

  /** The same case with other DIP settings. */
  public LightCase withDip(DipSettings settings) {
    return new LightCase(name, scenes, settings, nmfIterations, alsIterations);
  }

  /** Enough multiplicative updates for NMF to fit Z to well under 1%. */
  static final int NMF_ITERATIONS = 2000;
  /**
   * MLlib's default maxIter, as a user trying ALS first would leave it; more iterations without a
   * checkpoint directory grow ALS's lineage until deserializing a task overflows the stack.
   */
  static final int ALS_ITERATIONS = 10;
}
