package io.sparkdmf.jobs;

import io.sparkdmf.core.checkpoint.CheckpointException;
import io.sparkdmf.core.train.DivergenceException;
import io.sparkdmf.data.InputException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The entry point of every spark-dmf job: {@code dmf <job> [options]}. */
@Command(
    name = "dmf",
    mixinStandardHelpOptions = true,
    version = "spark-dmf 0.1.0",
    description = "Distributed deep matrix factorization on Apache Spark.",
    subcommands = {CompleteJob.class, ScoreJob.class, SenseJob.class, SharpnessJob.class, ClusterJob.class,
        GenerateRatingsJob.class})
public final class Main implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  /** Exit codes: 0 success, 1 unexpected failure, 2 bad options or input, 3 training diverged. */
  static final int EXIT_FAILURE = 1;
  public static final int EXIT_BAD_INPUT = 2;
  static final int EXIT_DIVERGED = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a job, e.g. 'dmf complete --help'");
  }

  public static void main(String[] args) {
    exit(run(args));
  }

  /**
   * Ends a driver with a job's exit code. A job that succeeded stops Spark and returns from main:
   * in YARN's cluster mode the driver runs inside the application master, which takes a JVM exit
   * before main has returned for a failed attempt and starts another. A failed job exits with its
   * code, for schedulers (YARN's cluster mode retries it up to spark.yarn.maxAppAttempts, and its
   * spark-submit exits with 1 for any failure).
   */
  public static void exit(int code) {
    if (code == 0) {
      SparkContexts.stop();
      return;
    }
    System.exit(code);
  }

  /** Runs a job and returns its exit code (tests call this rather than main). */
  public static int run(String... args) {
    return run(List.of(), args);
  }

  /**
   * The same with further commands beside the jobs (the research module adds {@code experiment} and
   * {@code bench}, which the application jar does not ship).
   */
  public static int run(List<Object> extraCommands, String... args) {
    CommandLine commandLine = new CommandLine(new Main());
    extraCommands.forEach(commandLine::addSubcommand);
    commandLine
        .setCaseInsensitiveEnumValuesAllowed(true)
        // the last of a repeated option wins, as with spark-submit: options appended to a submit
        // recipe's command line override the recipe's own
        .setOverwrittenOptionsAllowed(true)
        .setExecutionExceptionHandler((e, cmd, parsed) -> exitCodeFor(e))
        .setExecutionStrategy(parsed -> {
          RunRecord.begin(parsed);
          try {
            refuseExistingOutput(parsed);
          } catch (InputException e) {
            return exitCodeFor(e);
          }
          return new CommandLine.RunLast().execute(parsed);
        });
    declareConfigOption(commandLine);
    String[] rest;
    try {
      rest = ConfigFile.apply(commandLine, args);
    } catch (InputException e) {
      return exitCodeFor(e);
    }
    return commandLine.execute(rest);
  }

  /** A job's {@code --out} that exists already fails at once, not after Spark has started (seconds). */
  private static void refuseExistingOutput(CommandLine.ParseResult parsed) {
    List<CommandLine> commands = parsed.asCommandLineList();
    for (CommandLine.Model.CommandSpec mixin : commands.get(commands.size() - 1).getCommandSpec().mixins().values()) {
      if (mixin.userObject() instanceof OutputOptions output && output.out != null) {
        output.refuseExisting();
      }
    }
  }

  /**
   * {@code --config} is taken out of the arguments before parsing ({@link ConfigFile}); it is declared
   * on every command as well, so that every {@code --help} shows it.
   */
  private static void declareConfigOption(CommandLine command) {
    command.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("--config").paramLabel("FILE")
        .type(String.class).description("Options from a Java properties file (name = value, the long option name"
            + " without dashes; job.name for one job only); options on the command line win.").build());
    command.getSubcommands().values().forEach(Main::declareConfigOption);
  }

  private static int exitCodeFor(Exception e) {
    if (e instanceof InputException || e instanceof IllegalArgumentException) {
      LOG.error("bad input: {}", e.getMessage());
      return EXIT_BAD_INPUT;
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof CheckpointException) { // possibly raised inside a Spark task
        // core names the settings; the job layer names the options that set them
        LOG.error("bad checkpoint: {} (options --checkpoint-dir, --depth, --parallelism)", cause.getMessage());
        return EXIT_BAD_INPUT;
      }
    }
    if (e instanceof DivergenceException) {
      LOG.error("{} (options --lr, --init-scale)", e.getMessage());
      return EXIT_DIVERGED;
    }
    LOG.error("job failed", e);
    return EXIT_FAILURE;
  }
}
