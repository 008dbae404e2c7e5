package io.sparkdmf.core.multiview;

/**
 * What a clustering run found: the cluster of every sample (0-based, in sample order), the learned
 * per-view feature weights and fusion view weights, and per outer iteration the objective and p.
 */
public record ClusteringResult(int[] assignment, double[][] featureWeights, double[] viewWeights,
    double[] objective, double[] exponent, int iterations, boolean converged) {}
