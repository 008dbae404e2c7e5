/**
 * Matrix completion: observed entries in column blocks ({@link
 * io.sparkdmf.core.completion.EntryBlock}), the per-block kernels that turn factors into the loss and
 * gradient parts, and the completion objective.
 */
package io.sparkdmf.core.completion;
