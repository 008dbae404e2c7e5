package io.sparkdmf.core.optim;

/** Estimates lambda_max of the loss's Hessian at the parameters being trained, as they are now. */
@FunctionalInterface
public interface SharpnessProbe {
  double largestEigenvalue();
}
