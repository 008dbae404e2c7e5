package io.sparkdmf.core.optim;

/** Validation of optimizer state read back from a checkpoint. */
final class StateChecks {
  private StateChecks() {}

  static void length(double[] state, int expected) {
    if (state.length != expected) {
      throw new IllegalArgumentException("optimizer state has " + state.length + " values, expected " + expected);
    }
  }
}
