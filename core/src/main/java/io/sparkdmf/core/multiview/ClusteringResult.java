package io.sparkdmf.core.multiview;

/**
 * What a clustering run found: the cluster of every sample (0-based, in sample order), the learned
 * per-view feature weights and fusion view weights, and per outer iteration the objective, a bound on
 * the rounding error of its computed value, and p.
 */
public record ClusteringResult(int[] assignment, double[][] featureWeights, double[] viewWeights,
    double[] objective, double[] objectiveRounding, double[] exponent, int iterations, boolean converged) {}
