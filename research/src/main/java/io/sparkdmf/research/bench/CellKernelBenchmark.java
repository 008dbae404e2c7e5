package io.sparkdmf.research.bench;

import io.sparkdmf.core.engine.blocked.CellKernel;
import io.sparkdmf.core.engine.blocked.CellResult;
import io.sparkdmf.core.engine.blocked.GridBlock;
import io.sparkdmf.core.completion.EntryBlockBuilder;
import io.sparkdmf.core.linalg.Blas;
import io.sparkdmf.core.linalg.Matrix;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dmf bench cell}: one grid cell's work in a block-engine step (docs/maths.md §1), done per
 * observed entry (dot products and axpys, level 1) against three gemms over the whole cell (level 3),
 * at a range of densities, on one thread: the crossover sets the density above which the engine
 * batches a cell into level-3 BLAS.
 */
@Command(name = "cell", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Benchmark: a block-engine cell per entry (BLAS-1) against three gemms (BLAS-3), by density.")
public final class CellKernelBenchmark implements Callable<Integer> {

  @Option(names = "--size", defaultValue = "1000", description = "Rows and columns of the cell (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--width", split = ",", defaultValue = "10,32", description = "Widths p (default: ${DEFAULT-VALUE}).")
  List<Integer> widths;

  @Option(names = "--densities", split = ",", defaultValue = "0.005,0.01,0.02,0.05,0.1,0.2,0.5",
      description = "Fractions of the cell observed (default: ${DEFAULT-VALUE}).")
  List<Double> densities;

  @Option(names = "--repeats", defaultValue = "15", description = "Timed repeats per case; the median is shown (default: ${DEFAULT-VALUE}).")
  int repeats;

  /** Untimed runs per case: with 3, the first cases of a run still paid for JIT compilation. */
  private static final int WARMUPS = 20;

  @Override
  public Integer call() {
    System.out.printf(Locale.ROOT, "BLAS: %s; cell %d x %d, median of %d repeats, one thread%n",
        Blas.implementation(), size, size, repeats);
    System.out.println("| p | density | entries | per entry (ms) | three gemms (ms) | per entry / gemms | max difference |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
    Random random = new Random(1);
    for (int p : widths) {
      for (double density : densities) {
        GridBlock cell = cell(density, random);
        // as the engine ships them: one vector per distinct row and column of the cell
        Matrix u = Matrix.gaussian(p, cell.rowIds().length, 1, random);
        Matrix v = Matrix.gaussian(p, cell.colIds().length, 1, random);
        CellResult byEntry = CellKernel.perEntry(0, cell, u, v);
        CellResult byGemm = CellKernel.dense(0, cell, u, v);
        double difference = Math.max(maxDifference(byEntry.rowSums(), byGemm.rowSums()),
            maxDifference(byEntry.colSums(), byGemm.colSums()));
        double entryMs = 1e3 * Timing.medianSeconds(() -> CellKernel.perEntry(0, cell, u, v), WARMUPS, repeats);
        double gemmMs = 1e3 * Timing.medianSeconds(() -> CellKernel.dense(0, cell, u, v), WARMUPS, repeats);
        System.out.printf(Locale.ROOT, "| %d | %.3f | %d | %.3f | %.3f | %.2f | %.1e |%n", p, density, cell.size(),
            entryMs, gemmMs, entryMs / gemmMs, difference);
      }
    }
    System.out.printf(Locale.ROOT, "command: dmf bench cell --size %d --width %s --densities %s --repeats %d%n", size,
        String.join(",", widths.stream().map(String::valueOf).toList()),
        String.join(",", densities.stream().map(String::valueOf).toList()), repeats);
    return 0;
  }

  /** A size x size cell with each pair observed with probability {@code density}. */
  private GridBlock cell(double density, Random random) {
    EntryBlockBuilder builder = new EntryBlockBuilder();
    for (int j = 0; j < size; j++) {
      for (int i = 0; i < size; i++) {
        if (random.nextDouble() < density) {
          builder.add(i, j, random.nextGaussian());
        }
      }
    }
    return GridBlock.of(builder.build());
  }

  private static double maxDifference(Matrix a, Matrix b) {
    double max = 0;
    for (int e = 0; e < a.data().length; e++) {
      max = Math.max(max, Math.abs(a.data()[e] - b.data()[e]));
    }
    return max;
  }
}
