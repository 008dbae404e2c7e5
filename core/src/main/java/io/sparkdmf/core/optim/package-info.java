/**
 * Optimizers as MLlib's optimization package splits them: an {@link io.sparkdmf.core.optim.Optimizer}
 * keeps the global scalars on the driver and hands out a serializable {@link
 * io.sparkdmf.core.optim.ElementwiseUpdate} that runs wherever the parameters live (gradient descent,
 * momentum, RMSProp, Adam, and the sharpness-aware step).
 */
package io.sparkdmf.core.optim;
