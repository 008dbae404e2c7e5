package io.sparkdmf.research.experiment;

import java.util.List;

/**
 * What a finished run measured. {@code error} is ||W - W*||_F^2 / ||W*||_F^2; {@code steps} is the
 * number of updates (ADMM iterations for the baseline); {@code trajectory} holds, for dynamics runs,
 * rows of {step, error, sigma_1 .. sigma_10} (empty otherwise).
 */
public record RunResult(RunSpec spec, int steps, double seconds, double error, double nuclearNorm,
    double effectiveRank, String stopReason, List<double[]> trajectory) {}
