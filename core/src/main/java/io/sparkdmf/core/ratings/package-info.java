/**
 * Fitting star ratings without tuning: a held-out split by hash, the rating defaults, the penalty path
 * with early stopping and the width search ({@link io.sparkdmf.core.ratings.RatingsFit}), shared by
 * the CLI, the estimator and the benchmark.
 */
package io.sparkdmf.core.ratings;
