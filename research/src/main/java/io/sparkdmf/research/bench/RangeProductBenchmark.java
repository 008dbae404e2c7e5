package io.sparkdmf.research.bench;

import dev.ludovic.netlib.blas.BLAS;
import io.sparkdmf.core.linalg.Blas;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dmf bench range-products}: a dot product and an axpy over runs inside arrays, as the
 * completion kernel (runs of the width, ~100) and the sensing kernel (runs of m n, ~10^4) do them, on
 * netlib's in-JVM BLAS against the native one, by length: the crossover sets {@link Blas#NATIVE_FROM}.
 */
@Command(name = "range-products", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Benchmark: dot + axpy over runs inside arrays, in-JVM (Vector API) vs native BLAS, by length.")
public final class RangeProductBenchmark implements Callable<Integer> {

  @Option(names = "--lengths", split = ",", defaultValue = "32,100,300,1000,2048,3000,10000",
      description = "Run lengths (default: ${DEFAULT-VALUE}).")
  List<Integer> lengths;

  @Option(names = "--repeats", defaultValue = "7", description = "Timed repeats; the median is shown (default: ${DEFAULT-VALUE}).")
  int repeats;

  /** Each timed repeat does about this many multiply-adds, so short runs make many calls. */
  private static final int WORK = 20_000_000;
  /** The runs start at varying offsets inside arrays of this length, as entries' rows do. */
  private static final int SPAN = 1 << 16;

  @Override
  public Integer call() {
    System.out.printf(Locale.ROOT, "BLAS: %s; in-JVM: %s; median of %d repeats, one thread%n",
        Blas.implementation(), Blas.forLength(0).getClass().getSimpleName(), repeats);
    System.out.println("| length | native (ns per dot + axpy) | in-JVM (ns) | in-JVM / native | used by Blas.dotRange |");
    System.out.println("| --- | --- | --- | --- | --- |");
    Random random = new Random(1);
    double[] x = random.doubles(SPAN + 2 * lengths.stream().max(Integer::compare).orElse(0)).toArray();
    double[] y = random.doubles(x.length).toArray();
    BLAS nativeBlas = Blas.forLength(Integer.MAX_VALUE);
    BLAS inJvm = Blas.forLength(0);
    for (int n : lengths) {
      int calls = Math.max(1, WORK / n);
      double nativeNs = 1e9 * Timing.medianSeconds(() -> pairs(nativeBlas, n, calls, x, y), 2, repeats) / calls;
      double inJvmNs = 1e9 * Timing.medianSeconds(() -> pairs(inJvm, n, calls, x, y), 2, repeats) / calls;
      System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.2f | %s |%n", n, nativeNs, inJvmNs, inJvmNs / nativeNs,
          n < Blas.NATIVE_FROM ? "in-JVM" : "native");
    }
    System.out.printf(Locale.ROOT, "command: dmf bench range-products --lengths %s --repeats %d%n",
        String.join(",", lengths.stream().map(String::valueOf).toList()), repeats);
    return 0;
  }

  /** {@code calls} dot products and axpys of length {@code n} at varying offsets. */
  private static void pairs(BLAS blas, int n, int calls, double[] x, double[] y) {
    double sum = 0;
    for (int c = 0; c < calls; c++) {
      int offset = (c * 64) % SPAN;
      sum += blas.ddot(n, x, offset, 1, y, offset, 1);
      blas.daxpy(n, 1e-12, x, offset, 1, y, offset, 1);
    }
    if (Double.isNaN(sum)) {
      throw new IllegalStateException("NaN in a benchmark sum");
    }
  }
}
