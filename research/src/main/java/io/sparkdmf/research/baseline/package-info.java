/**
 * The minimum nuclear norm solution of a linear measurement problem, the reference that deep
 * factorizations are compared with (docs/implicit-regularization): {@link
 * io.sparkdmf.research.baseline.MinimumNuclearNorm} over {@link
 * io.sparkdmf.research.baseline.LinearMeasurements} of sampled entries or dense sensing matrices.
 */
package io.sparkdmf.research.baseline;
