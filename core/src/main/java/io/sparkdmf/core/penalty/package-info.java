/**
 * Explicit regularization: ALS's weighted L2 penalty on the factors and the objective that adds it.
 */
package io.sparkdmf.core.penalty;
