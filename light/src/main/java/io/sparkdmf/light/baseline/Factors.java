package io.sparkdmf.light.baseline;

import io.sparkdmf.core.linalg.Matrix;
import java.io.Serializable;

/**
 * A factorization Z ~ T L found by some method, with its final training loss and the losses it
 * recorded along the way (one per {@code historyEvery} iterations).
 */
public record Factors(Matrix transport, Matrix hidden, double loss, double[] history, int historyEvery)
    implements Serializable {}
