package io.sparkdmf.light.dip;

import java.util.Arrays;

/**
 * Default settings of the deep image prior, measured on the synthetic cases (docs/light-transport.md):
 * generators of 32 channels (64 in the last block) while the larger factor image has at most
 * {@value #WIDE_PIXELS} pixels, 16 (32) above that, where each step's cost grows with the pixels times
 * the channels squared; as many up-sampling blocks as the smallest side allows down to a 2-pixel latent
 * (at most 5); Adam at 1e-3 for 2,000 steps; smoothness 0.1; no dropout.
 */
public final class DipDefaults {
  public static final int ITERATIONS = 2000;
  public static final double LEARNING_RATE = 1e-3;
  public static final double SMOOTHNESS = 0.1;
  static final int WIDE_PIXELS = 1 << 14;
  static final int MAX_BLOCKS = 5;
  static final double WEIGHT_DECAY = 1e-4;

  private DipDefaults() {}

  /** Settings for a video of {@code observed} pixels x {@code frames}, with {@code hidden} hidden pixels. */
  public static DipSettings settings(int observed, int hidden, int frames, int iterations, double learningRate,
      double smoothness, int threads) {
    int smallest = Math.min(observed, Math.min(hidden, frames));
    int blocks = Math.max(1, Math.min(MAX_BLOCKS, 31 - Integer.numberOfLeadingZeros(smallest) - 1));
    long largest = Math.max((long) observed * hidden, (long) hidden * frames);
    int width = largest <= WIDE_PIXELS ? 32 : 16;
    int[] widths = new int[blocks + 1];
    Arrays.fill(widths, width);
    widths[blocks] = 2 * width;
    return new DipSettings(iterations, learningRate, widths, width, smoothness, 0, WEIGHT_DECAY, 0, threads);
  }
}
