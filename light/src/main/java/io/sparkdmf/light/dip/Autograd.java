package io.sparkdmf.light.dip;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Gradients through PyTorch's autograd, per thread. DJL's {@code GradientCollector} allows one
 * collector in the whole JVM and zeroes the gradients of every array in the process, so two runs on
 * one executor (one per task slot) would stop each other; PyTorch's grad mode is thread-local and each
 * run zeroes only its own parameters' gradients, so runs can share a JVM.
 */
final class Autograd {
  private Autograd() {}

  /** Turns on recording for the calling thread's next operations. */
  static void record() {
    JniUtils.setGradMode(true);
  }

  /** d{@code scalar}/d(every parameter that needs a gradient), added into their gradients. */
  static void backward(NDArray scalar) {
    try (NDArray one = scalar.onesLike()) {
      JniUtils.backward((PtNDArray) scalar, (PtNDArray) one, false, false);
    }
  }

  static void zeroGradient(NDArray parameter) {
    JniUtils.zeroGrad((PtNDArray) parameter);
  }
}
