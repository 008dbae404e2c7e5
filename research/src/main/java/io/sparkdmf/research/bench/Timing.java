package io.sparkdmf.research.bench;

import io.sparkdmf.core.metrics.Metrics;

/** Wall-clock timing for benchmarks: untimed warm-up runs (JIT, native libraries, caches), then the median. */
final class Timing {
  private Timing() {}

  /** The median seconds of {@code repeats} runs of {@code job} after {@code warmups} untimed ones. */
  static double medianSeconds(Runnable job, int warmups, int repeats) {
    for (int w = 0; w < warmups; w++) {
      job.run();
    }
    double[] seconds = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      long start = System.nanoTime();
      job.run();
      seconds[r] = (System.nanoTime() - start) / 1e9;
    }
    return Metrics.median(seconds);
  }
}
