from spark_dmf import DeepMatrixFactorization, DeepMatrixFactorizationModel

ratings = spark.read.csv(ratings_csv, header=True, inferSchema=True)
dmf = DeepMatrixFactorization(userCol="user", itemCol="item", ratingCol="rating", maxIter=500)
model = dmf.fit(ratings)
model.transform(ratings).show(5)
model.recommendForAllUsers(10).show(5)
model.write().overwrite().save(model_path)
same = DeepMatrixFactorizationModel.load(model_path)
