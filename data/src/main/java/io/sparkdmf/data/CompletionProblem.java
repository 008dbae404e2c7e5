package io.sparkdmf.data;

import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.linalg.Matrix;
import java.util.Optional;

/**
 * A completion task: the matrix size, the training entries, optional held-out test entries and, for
 * synthetic tasks, the ground truth W* the reconstruction error is measured against.
 */
public record CompletionProblem(
    int rows, int cols, EntryBlock train, EntryBlock test, Optional<Matrix> truth) {

  public boolean hasTest() {
    return test.size() > 0;
  }
}
