"""``DeepMatrixFactorization`` and its model: thin wrappers over ``io.sparkdmf.ml`` in the JVM.

Params, their defaults and their docs are the Java estimator's: docs and defaults are read from the
Java object when a wrapper is made, never repeated here, and a test checks that every Java param is
here.
"""

from pyspark import keyword_only
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.util import JavaMLReadable, JavaMLReader, JavaMLWritable
from pyspark.ml.wrapper import JavaEstimator, JavaModel

_JAVA_ESTIMATOR = "io.sparkdmf.ml.DeepMatrixFactorization"
_JAVA_MODEL = "io.sparkdmf.ml.DeepMatrixFactorizationModel"

_S = TypeConverters.toString
_I = TypeConverters.toInt
_F = TypeConverters.toFloat
_B = TypeConverters.toBoolean

# name, converter; each param's doc is the Java param's, read when a wrapper is made
_COLUMN_PARAMS = [
    ("userCol", _S), ("itemCol", _S), ("predictionCol", _S), ("coldStartStrategy", _S),
]
_FIT_PARAMS = [
    ("ratingCol", _S), ("depth", _I), ("width", _I), ("initialization", _S), ("initScale", _F),
    ("optimizer", _S), ("learningRate", _F), ("maxIter", _I), ("tol", _F), ("regParam", _F), ("biases", _B),
    ("validationFraction", _F), ("patience", _I), ("refit", _B), ("biasRegParam", _F), ("engine", _S),
    ("numBlocks", _I), ("numUserBlocks", _I), ("numItemBlocks", _I), ("checkpointDir", _S),
    ("checkpointInterval", _I), ("seed", _I),
]


def _capitalised(name):
    return name[0].upper() + name[1:]


def _declare(cls, table):
    """Adds a Param, a getter and a setter to ``cls`` for every row of ``table``."""
    for name, converter in table:
        setattr(cls, name, Param(Params._dummy(), name, "see the Java param of this name", typeConverter=converter))

        def getter(self, _name=name):
            return self.getOrDefault(getattr(self, _name))

        def setter(self, value, _name=name):
            return self._set(**{_name: value})

        getter.__name__ = "get" + _capitalised(name)
        getter.__doc__ = "Gets the value of %s or its default." % name
        setter.__name__ = "set" + _capitalised(name)
        setter.__doc__ = "Sets the value of %s." % name
        setattr(cls, getter.__name__, getter)
        setattr(cls, setter.__name__, setter)
    return cls


class _Reader(JavaMLReader):
    """Loads with the Java class the wrapper names, not one derived from the Python module's name."""

    @classmethod
    def _java_loader_class(cls, clazz):
        return clazz._java_class


class _Persistence(JavaMLReadable, JavaMLWritable):
    @classmethod
    def read(cls):
        return _Reader(cls)


class _JavaDefaults:
    """Makes (or adopts) the Java object and takes the Python params' docs and defaults from it."""

    def _start(self, java_class, java_obj=None):
        self._java_obj = java_obj if java_obj is not None else self._new_java_obj(java_class, self.uid)
        for param in self.params:
            if self._java_obj.hasParam(param.name):
                param.doc = self._java_obj.getParam(param.name).doc()
        self._transfer_params_from_java()


class DeepMatrixFactorizationModel(JavaModel, _JavaDefaults, _Persistence):
    """A fitted deep factorization: ``transform`` predicts ratings, the ``recommendFor*`` methods rank."""

    _java_class = _JAVA_MODEL

    def __init__(self, java_model=None):
        super().__init__(java_model)
        if java_model is not None:
            self._start(_JAVA_MODEL, java_model)

    @classmethod
    def _from_java(cls, java_stage):
        model = cls(java_stage)
        model._resetUid(java_stage.uid())
        return model

    def userFactors(self):
        """A DataFrame of (id, features): each user's vector."""
        return self._call_java("userFactors")

    def itemFactors(self):
        """A DataFrame of (id, features): each item's vector."""
        return self._call_java("itemFactors")

    def recommendForAllUsers(self, numItems):
        """The numItems best items of every user: (user, recommendations of (item, rating)), best first."""
        return self._call_java("recommendForAllUsers", numItems)

    def recommendForAllItems(self, numUsers):
        """The numUsers best users of every item: (item, recommendations of (user, rating)), best first."""
        return self._call_java("recommendForAllItems", numUsers)

    def recommendForUserSubset(self, dataset, numItems):
        """As recommendForAllUsers for the users in dataset's user column."""
        return self._call_java("recommendForUserSubset", dataset, numItems)

    def recommendForItemSubset(self, dataset, numUsers):
        """As recommendForAllItems for the items in dataset's item column."""
        return self._call_java("recommendForItemSubset", dataset, numUsers)


class DeepMatrixFactorization(JavaEstimator, _JavaDefaults, _Persistence):
    """Deep matrix factorization of explicit ratings, fitted as ``dmf complete --ratings`` fits them.

    Every param of the Java estimator is a keyword argument, with its getter and setter::

        DeepMatrixFactorization(userCol="user", itemCol="item", ratingCol="rating", depth=3)
    """

    _java_class = _JAVA_ESTIMATOR

    @keyword_only
    def __init__(self, **kwargs):
        super().__init__()
        self._start(_JAVA_ESTIMATOR)
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, **kwargs):
        """Sets params by keyword, as the constructor does."""
        return self._set(**self._input_kwargs)

    @classmethod
    def _from_java(cls, java_stage):
        estimator = cls.__new__(cls)
        JavaEstimator.__init__(estimator)
        estimator._start(_JAVA_ESTIMATOR, java_stage)
        estimator._resetUid(java_stage.uid())
        return estimator

    def _create_model(self, java_model):
        return DeepMatrixFactorizationModel(java_model)


_declare(DeepMatrixFactorizationModel, _COLUMN_PARAMS)
_declare(DeepMatrixFactorization, _COLUMN_PARAMS + _FIT_PARAMS)
