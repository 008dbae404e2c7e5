"""PySpark API of spark-dmf: deep matrix factorization of ratings, used like pyspark.ml's ALS."""

from spark_dmf.recommendation import DeepMatrixFactorization, DeepMatrixFactorizationModel

__all__ = ["DeepMatrixFactorization", "DeepMatrixFactorizationModel"]
