package io.sparkdmf.data;

import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.sensing.MeasurementBlock;
import java.util.List;
import java.util.Optional;

/** A sensing task: the matrix size, blocks of train and held-out measurements, the ground truth. */
public record SensingProblem(int rows, int cols, List<MeasurementBlock> train,
    List<MeasurementBlock> test, Optional<Matrix> truth) {

  public long trainSize() {
    return train.stream().mapToLong(MeasurementBlock::size).sum();
  }

  public long testSize() {
    return test.stream().mapToLong(MeasurementBlock::size).sum();
  }
}
