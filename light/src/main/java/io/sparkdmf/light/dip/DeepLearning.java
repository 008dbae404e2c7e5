package io.sparkdmf.light.dip;

import ai.djl.engine.Engine;

/**
 * Starts DJL's PyTorch engine offline (its native library comes from the pytorch-native-cpu jar on the
 * class path, never from the network) with the intra-op threads a run may use: Spark gives a task
 * {@code spark.task.cpus} cores, and PyTorch would otherwise take them all.
 */
final class DeepLearning {
  private DeepLearning() {}

  static synchronized void configure(int threads) {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    Engine.getEngine("PyTorch");
  }
}
