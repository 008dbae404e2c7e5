package io.sparkdmf.research;

import io.sparkdmf.jobs.Main;
import io.sparkdmf.research.bench.BenchCommand;
import io.sparkdmf.research.experiment.ExperimentCommand;
import java.util.List;

/**
 * The entry point of {@code dmf} with the research commands: every job of {@link Main}, plus
 * {@code dmf experiment ...} and {@code dmf bench ...}. The launcher uses it for those two.
 */
public final class ResearchMain {
  private ResearchMain() {}

  /** Runs a job, an experiment or a benchmark and returns its exit code (tests call this rather than main). */
  public static int run(String... args) {
    return Main.run(List.of(new ExperimentCommand(), new BenchCommand()), args);
  }

  public static void main(String[] args) {
    Main.exit(run(args));
  }
}
