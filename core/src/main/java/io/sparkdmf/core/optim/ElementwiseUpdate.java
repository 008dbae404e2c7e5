package io.sparkdmf.core.optim;

import java.io.Serializable;

/**
 * One step's update of parameters entry by entry, with the optimizer's global quantities (step
 * size, bias corrections) already fixed. Being serializable and free of shared state, the same rule
 * updates factors held on the driver and factor blocks inside Spark partitions.
 */
@FunctionalInterface
public interface ElementwiseUpdate extends Serializable {

  /**
   * Updates {@code w[from..from+length)} in place from {@code g} at the same positions.
   *
   * @param slots per-entry optimizer state arrays parallel to {@code w} (e.g. Adam's moments)
   */
  void apply(double[] w, double[] g, double[][] slots, int from, int length);
}
