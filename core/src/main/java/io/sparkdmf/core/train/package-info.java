/**
 * The training loop: {@link io.sparkdmf.core.train.Trainer} drives a {@link
 * io.sparkdmf.core.train.TrainingState} under a {@link io.sparkdmf.core.train.StoppingRule} (train
 * loss, steps, held-out patience), keeps the best model, writes checkpoints and reports to a {@link
 * io.sparkdmf.core.train.TrainingListener}.
 */
package io.sparkdmf.core.train;
