package io.sparkdmf.research.bench;

import io.sparkdmf.research.baseline.DenseMeasurements;
import io.sparkdmf.research.baseline.LinearMeasurements;
import io.sparkdmf.research.baseline.MinimumNuclearNorm;
import io.sparkdmf.core.linalg.Blas;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.data.SyntheticSensing;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dmf bench nuclear-baseline}: ADMM iterations of the sensing baseline, whose three adjoints per
 * iteration are formed a few measurements at a time ({@link DenseMeasurements#adjoints}), against the
 * same solver forming them one vector at a time, as it did before.
 */
@Command(name = "nuclear-baseline", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Benchmark: the nuclear-norm baseline on sensing, adjoints read together vs one at a time.")
public final class NuclearBaselineBenchmark implements Callable<Integer> {

  @Option(names = "--measurements", defaultValue = "2000", description = "Gaussian measurements of a rank-5 100 x 100 matrix (default: ${DEFAULT-VALUE}).")
  int measurements;

  @Option(names = "--iterations", defaultValue = "100", description = "ADMM iterations per solve (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--repeats", defaultValue = "3", description = "Timed repeats; the median is shown (default: ${DEFAULT-VALUE}).")
  int repeats;

  /**
   * The measurements with their norm bound worked out once, and the adjoints of several vectors formed
   * together by the measurements or, as the interface's default does, one at a time.
   */
  private record Timed(DenseMeasurements measurements, double bound, boolean together) implements LinearMeasurements {
    @Override
    public int rows() {
      return measurements.rows();
    }

    @Override
    public int cols() {
      return measurements.cols();
    }

    @Override
    public double[] values() {
      return measurements.values();
    }

    @Override
    public double[] apply(Matrix x) {
      return measurements.apply(x);
    }

    @Override
    public Matrix adjoint(double[] r) {
      return measurements.adjoint(r);
    }

    @Override
    public List<Matrix> adjoints(List<double[]> rs) {
      return together ? measurements.adjoints(rs) : LinearMeasurements.super.adjoints(rs);
    }

    @Override
    public double normSquaredBound() {
      return bound;
    }
  }

  @Override
  public Integer call() {
    DenseMeasurements dense = new DenseMeasurements(100, 100,
        new SyntheticSensing(100, 100, 5, measurements, 0, 0).generate().train());
    double bound = dense.normSquaredBound();
    Timed oneAtATime = new Timed(dense, bound, false);
    Timed together = new Timed(dense, bound, true);
    MinimumNuclearNorm solver = new MinimumNuclearNorm(1e-3, 1e-8, iterations);
    System.out.printf(Locale.ROOT, "# bench nuclear-baseline: %d measurements, %d ADMM iterations per solve, median of %d%n",
        measurements, iterations, repeats);
    System.out.printf(Locale.ROOT, "# BLAS: %s%n", Blas.implementation());
    double before = Timing.medianSeconds(() -> solver.solve(oneAtATime), 1, repeats);
    double after = Timing.medianSeconds(() -> solver.solve(together), 1, repeats);
    double difference = solver.solve(oneAtATime).solution().minus(solver.solve(together).solution()).frobeniusNormSquared();
    System.out.printf(Locale.ROOT, "%-40s %.2f s%n", "adjoints one at a time", before);
    System.out.printf(Locale.ROOT, "%-40s %.2f s, %.2fx the time (solutions differ by %.1e, squared)%n", "adjoints a few measurements at a time",
        after, after / before, difference);
    System.out.printf(Locale.ROOT, "command: dmf bench nuclear-baseline --measurements %d --iterations %d --repeats %d%n",
        measurements, iterations, repeats);
    return 0;
  }
}
