/**
 * The objective interface the trainer and optimizers see ({@link
 * io.sparkdmf.core.objective.Objective}: loss and gradients of a model) and the back-propagation
 * through the product shared by completion and sensing ({@link
 * io.sparkdmf.core.objective.FactorGradients}).
 */
package io.sparkdmf.core.objective;
