package io.sparkdmf.core.multiview;

/**
 * How {@link MultiViewClustering} runs, each piece switchable for ablation.
 *
 * @param clusters k, the rows of every view's last layer
 * @param hiddenLayer the layer between the features and the k-row layer; 0 = automatic,
 *     max(k, min(d_v, 4k)) for a view with d_v features
 * @param adaptiveWeights per-feature weights by the closed form; off = fixed uniform weights
 * @param exponent the law for p (fixed or controlled)
 * @param graphWeight lambda of the neighbour-graph term on every view's k-row layer, relative to the
 *     weighted fit's curvature (1 = as strong as the fit); 0 = no graph term. Needs blocks built
 *     with neighbour graphs ({@link MultiViewData#blocks(int, java.util.List)}).
 */
public record ClusteringSettings(int clusters, int hiddenLayer, int pretrainIterations, int maxIterations,
    double tolerance, boolean adaptiveWeights, ExponentController exponent, double graphWeight, int kmeansRestarts,
    long seed) {

  public ClusteringSettings {
    if (clusters < 2) {
      throw new IllegalArgumentException("need at least 2 clusters, got " + clusters);
    }
    if (hiddenLayer < 0 || pretrainIterations < 0 || maxIterations < 1 || kmeansRestarts < 1) {
      throw new IllegalArgumentException("layer size, iteration counts and restarts must be positive");
    }
    if (!(graphWeight >= 0) || Double.isInfinite(graphWeight)) {
      throw new IllegalArgumentException("the graph weight must be finite and not negative, got " + graphWeight);
    }
    if (!(tolerance > 0)) {
      throw new IllegalArgumentException("the tolerance must be positive, got " + tolerance);
    }
  }

  /** The defaults (documented in the README's cluster section). */
  public static ClusteringSettings defaults(int clusters, long seed) {
    return new ClusteringSettings(clusters, 0, 100, 300, 1e-5, true, ExponentController.defaults(), 10.0, 500, seed);
  }

  int hiddenSize(int features) {
    return hiddenLayer > 0 ? hiddenLayer : Math.max(clusters, Math.min(features, 4 * clusters));
  }

  public ClusteringSettings withExponent(ExponentController law) {
    return new ClusteringSettings(clusters, hiddenLayer, pretrainIterations, maxIterations, tolerance,
        adaptiveWeights, law, graphWeight, kmeansRestarts, seed);
  }

  public ClusteringSettings withAdaptiveWeights(boolean adaptive) {
    return new ClusteringSettings(clusters, hiddenLayer, pretrainIterations, maxIterations, tolerance,
        adaptive, exponent, graphWeight, kmeansRestarts, seed);
  }

  public ClusteringSettings withGraphWeight(double lambda) {
    return new ClusteringSettings(clusters, hiddenLayer, pretrainIterations, maxIterations, tolerance,
        adaptiveWeights, exponent, lambda, kmeansRestarts, seed);
  }

  public ClusteringSettings withMaxIterations(int outerIterations) {
    return new ClusteringSettings(clusters, hiddenLayer, pretrainIterations, outerIterations, tolerance,
        adaptiveWeights, exponent, graphWeight, kmeansRestarts, seed);
  }

  public ClusteringSettings withSeed(long newSeed) {
    return new ClusteringSettings(clusters, hiddenLayer, pretrainIterations, maxIterations, tolerance,
        adaptiveWeights, exponent, graphWeight, kmeansRestarts, newSeed);
  }
}
