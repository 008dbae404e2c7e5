package io.sparkdmf.core.engine.blocked;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkdmf.core.completion.EntryBlockBuilder;
import io.sparkdmf.core.linalg.Matrix;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A block-engine cell gives the same residual sums per entry (BLAS-1) and by three gemms (BLAS-3). */
class CellKernelTest {

  @ParameterizedTest(name = "density {0}, width {1}")
  @CsvSource({"0.05, 3", "0.4, 7", "0.9, 12"})
  void bothWaysAgree(double density, int p) {
    Random random = new Random(11);
    EntryBlockBuilder builder = new EntryBlockBuilder();
    for (int j = 0; j < 40; j++) {
      for (int i = 0; i < 30; i++) {
        if (random.nextDouble() < density) {
          builder.add(100 + i, 7 * j, random.nextGaussian());
        }
      }
    }
    GridBlock cell = GridBlock.of(builder.build());
    Matrix u = Matrix.gaussian(p, cell.rowIds().length, 1, random);
    Matrix v = Matrix.gaussian(p, cell.colIds().length, 1, random);
    CellResult byEntry = CellKernel.perEntry(3, cell, u, v);
    CellResult byGemm = CellKernel.dense(3, cell, u, v);
    CellResult chosen = CellKernel.compute(3, cell, u, v);
    for (CellResult other : new CellResult[] {byGemm, chosen}) {
      assertEquals(byEntry.squaredResiduals(), other.squaredResiduals(), 1e-10 * byEntry.squaredResiduals());
      assertArrayEquals(byEntry.rowSums().data(), other.rowSums().data(), 1e-10);
      assertArrayEquals(byEntry.colSums().data(), other.colSums().data(), 1e-10);
      assertArrayEquals(byEntry.rowIds(), other.rowIds());
      assertArrayEquals(byEntry.colIds(), other.colIds());
    }
  }
}
