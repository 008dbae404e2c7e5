package io.sparkdmf.research.experiment;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dmf experiment <name>}: the published experiments, redone. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
    description = "Reproduce published experiments, with tables, figures and a report.",
    subcommands = {ImplicitRegularizationExperiment.class, EscapeExperiment.class, MultiViewExperiment.class,
        LightTransportExperiment.class})
public final class ExperimentCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "name an experiment, e.g. 'dmf experiment implicit-regularization --quick --out DIR'");
  }
}
