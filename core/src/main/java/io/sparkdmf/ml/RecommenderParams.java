package io.sparkdmf.ml;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The params the estimator and its model share (as ALS's ALSModelParams): the id and prediction
 * columns and the cold-start strategy, with typed getters. Each class declares the params themselves
 * ({@link RecommenderColumns} makes them) and their defaults once.
 */
public interface RecommenderParams extends Params {
  Param<String> userCol();

  Param<String> itemCol();

  Param<String> predictionCol();

  Param<String> coldStartStrategy();

  default String getUserCol() {
    return getOrDefault(userCol());
  }

  default String getItemCol() {
    return getOrDefault(itemCol());
  }

  default String getPredictionCol() {
    return getOrDefault(predictionCol());
  }

  default String getColdStartStrategy() {
    return getOrDefault(coldStartStrategy());
  }
}
