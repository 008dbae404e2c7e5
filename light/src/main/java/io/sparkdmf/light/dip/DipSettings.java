package io.sparkdmf.light.dip;

import java.io.Serializable;
import java.util.Arrays;

/**
 * How the two deep-image-prior generators are built and trained.
 *
 * @param iterations Adam steps
 * @param learningRate Adam's step size
 * @param widths channels of the latent input, then of each up-sampling block's output; the number of
 *     blocks (widths.length - 1) sets the latent's size: the output's divided by 2^blocks
 * @param headWidth channels of the 3x3 convolution before the one-channel output
 * @param smoothness weight of the mean absolute differences along both axes of each factor, against
 *     the mean absolute misfit of Z scaled to mean 1
 * @param dropout rate on the feature maps while training (0: none)
 * @param weightDecay Adam's L2 weight decay
 * @param seed draws of the initial weights, the latents and the dropout masks
 * @param threads intra-op threads of the deep-learning engine
 */
public record DipSettings(int iterations, double learningRate, int[] widths, int headWidth, double smoothness,
    double dropout, double weightDecay, long seed, int threads) implements Serializable {

  public DipSettings {
    if (iterations < 1 || !(learningRate > 0) || widths.length < 2 || headWidth < 1 || !(smoothness >= 0)
        || !(dropout >= 0 && dropout < 1) || !(weightDecay >= 0) || threads < 1) {
      throw new IllegalArgumentException("invalid deep image prior settings: " + this);
    }
    widths = widths.clone();
  }

  public int blocks() {
    return widths.length - 1;
  }

  public DipSettings withSeed(long value) {
    return new DipSettings(iterations, learningRate, widths, headWidth, smoothness, dropout, weightDecay, value,
        threads);
  }

  public DipSettings withIterations(int value) {
    return new DipSettings(value, learningRate, widths, headWidth, smoothness, dropout, weightDecay, seed, threads);
  }

  @Override
  public int[] widths() {
    return widths.clone();
  }

  @Override
  public String toString() {
    return "iterations=" + iterations + ", lr=" + learningRate + ", widths=" + Arrays.toString(widths) + ", head="
        + headWidth + ", smoothness=" + smoothness + ", dropout=" + dropout + ", weightDecay=" + weightDecay
        + ", seed=" + seed + ", threads=" + threads;
  }
}
