package io.sparkdmf.core.objective;

import io.sparkdmf.core.linalg.Matrix;
import java.util.List;

/** The loss at one iterate and the gradients of W_1 .. W_N (W_1's first). */
public record Evaluation(double loss, List<Matrix> gradients) {}
