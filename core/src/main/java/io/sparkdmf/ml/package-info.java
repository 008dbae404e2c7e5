/**
 * The Spark ML API: {@link io.sparkdmf.ml.DeepMatrixFactorization}, an Estimator over a DataFrame of
 * (user, item, rating) as ALS's, and the {@link io.sparkdmf.ml.DeepMatrixFactorizationModel} it fits
 * (transform, cold-start strategies, recommendations, ML persistence). Ids are mapped to dense indices
 * by {@link io.sparkdmf.core.ratings.IdIndex}.
 */
package io.sparkdmf.ml;
