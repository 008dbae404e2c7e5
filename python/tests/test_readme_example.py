"""The README's PySpark example is this directory's example.py, shown unchanged, and it runs."""

import pathlib

from paths import REPOSITORY
from spark_dmf import DeepMatrixFactorizationModel

HERE = pathlib.Path(__file__).resolve().parent
MARKER = "<!-- pyspark example: python/tests/example.py -->"


def readme_block():
    readme = (REPOSITORY / "README.md").read_text()
    after = readme[readme.index(MARKER) + len(MARKER):]
    start = after.index("```python\n") + len("```python\n")
    return after[start:after.index("```", start)]


def test_the_readme_shows_the_example_unchanged():
    assert readme_block() == (HERE / "example.py").read_text()


def test_the_example_runs(spark, ratings, tmp_path):
    ratings_csv = str(tmp_path / "ratings.csv")
    ratings.coalesce(1).write.csv(ratings_csv, header=True)
    scope = {"spark": spark, "ratings_csv": ratings_csv, "model_path": str(tmp_path / "model")}
    exec((HERE / "example.py").read_text(), scope)
    assert isinstance(scope["same"], DeepMatrixFactorizationModel)
    assert scope["same"].transform(scope["ratings"]).count() == scope["ratings"].count()
