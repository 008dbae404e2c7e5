import math

import pytest
from pyspark.ml import Pipeline
from pyspark.sql import functions as F

from spark_dmf import DeepMatrixFactorization, DeepMatrixFactorizationModel


def quick(**params):
    """A short fit on every rating, for tests."""
    settings = dict(validationFraction=0.0, maxIter=300, depth=2, width=4, learningRate=0.01, seed=3)
    settings.update(params)
    return DeepMatrixFactorization(**settings)


def rmse(frame):
    return frame.select(F.sqrt(F.avg((F.col("rating") - F.col("prediction")) ** 2))).first()[0]


def test_every_java_param_is_here_with_its_doc_and_default(spark):
    estimator = DeepMatrixFactorization()
    java = estimator._java_obj
    for java_param in java.params():
        name = java_param.name()
        assert estimator.hasParam(name), f"the Java param {name} is missing in Python"
        param = estimator.getParam(name)
        assert param.doc == java_param.doc()
        if java.hasDefault(java_param):
            expected = java.getDefault(java_param).get()
            actual = estimator.getOrDefault(param)
            assert actual == expected or (isinstance(actual, float) and math.isnan(actual) and math.isnan(expected))
    assert estimator.getDepth() == java.getDepth()
    assert estimator.getInitialization() == "gaussian"


def test_keywords_setters_and_bad_values(spark, ratings):
    estimator = DeepMatrixFactorization(depth=3, userCol="u")
    assert estimator.getDepth() == 3 and estimator.getUserCol() == "u"
    assert estimator.setWidth(5).getWidth() == 5
    with pytest.raises(AttributeError):
        DeepMatrixFactorization(depthh=3)
    with pytest.raises(Exception, match="depth"):
        quick(depth=1).fit(ratings)


def test_fit_predicts_the_ratings_better_than_their_mean(spark, ratings):
    model = quick().fit(ratings)
    scored = model.transform(ratings)
    assert scored.count() == ratings.count()
    mean = ratings.select(F.avg("rating")).first()[0]
    spread = math.sqrt(ratings.select(F.avg((F.col("rating") - mean) ** 2)).first()[0])
    assert rmse(scored) < 0.5 * spread


def test_recommendations_come_best_first_for_every_user(spark, ratings):
    model = quick().fit(ratings)
    top = model.recommendForAllUsers(3).collect()
    assert len(top) == ratings.select("user").distinct().count()
    for row in top:
        scores = [r["rating"] for r in row["recommendations"]]
        assert len(scores) == 3 and scores == sorted(scores, reverse=True)
    fans = model.recommendForItemSubset(ratings.select("item").distinct().limit(2), 4).collect()
    assert len(fans) == 2 and all(len(row["recommendations"]) == 4 for row in fans)


def test_models_and_estimators_save_and_load(spark, ratings, tmp_path):
    estimator = quick(depth=3)
    estimator.save(str(tmp_path / "estimator"))
    loaded_estimator = DeepMatrixFactorization.load(str(tmp_path / "estimator"))
    assert loaded_estimator.getDepth() == 3 and loaded_estimator.getValidationFraction() == 0.0
    model = estimator.fit(ratings)
    model.write().overwrite().save(str(tmp_path / "model"))
    loaded = DeepMatrixFactorizationModel.load(str(tmp_path / "model"))
    before = {(r.user, r.item): r.prediction for r in model.transform(ratings).collect()}
    after = {(r.user, r.item): r.prediction for r in loaded.transform(ratings).collect()}
    assert before == after


def test_the_estimator_is_a_pipeline_stage(spark, ratings):
    direct = quick().fit(ratings).transform(ratings)
    piped = Pipeline(stages=[quick()]).fit(ratings).transform(ratings)
    expected = {(r.user, r.item): r.prediction for r in direct.collect()}
    assert {(r.user, r.item): r.prediction for r in piped.collect()} == expected
