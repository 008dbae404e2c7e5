/**
 * From observed entries to a fitted completion model: the one flow that {@code dmf complete} and the
 * Spark ML estimator share. {@link io.sparkdmf.core.fit.CompletionSetup} says how to fit,
 * {@link io.sparkdmf.core.fit.CompletionTrainData} takes the biases off and routes the entries to an
 * engine, and {@link io.sparkdmf.core.train.Trainer#fit} trains them, resuming from checkpoints. Fits
 * with a validation split run the penalty path of {@link io.sparkdmf.core.ratings.RatingsFit}.
 */
package io.sparkdmf.core.fit;
