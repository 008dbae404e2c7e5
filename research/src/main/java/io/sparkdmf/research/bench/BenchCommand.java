package io.sparkdmf.research.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dmf bench <name>}: benchmarks that print their figures and the command that produced them. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks: each prints its figures, ratios to a baseline measured in the same run,"
        + " and the command that produced them.",
    subcommands = {StepTimeBenchmark.class, ScaleBenchmark.class, StepSizeBenchmark.class, CellKernelBenchmark.class,
        SharedSensingBenchmark.class, RangeProductBenchmark.class, NuclearBaselineBenchmark.class,
        RatingsBenchmark.class, MultiViewScaleBenchmark.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a benchmark: 'dmf bench step', 'dmf bench scale', 'dmf bench stepsize', 'dmf bench cell', 'dmf bench shared-sensing', 'dmf bench range-products', 'dmf bench ratings' or 'dmf bench multiview-scale'");
  }
}
