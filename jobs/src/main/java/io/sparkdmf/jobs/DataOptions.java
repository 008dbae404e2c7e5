package io.sparkdmf.jobs;

import picocli.CommandLine.Option;

/**
 * Where a training job's data comes from: files (a file, directory or glob on any Hadoop file
 * system, in the job's format) or the job's synthetic reference task; exactly one of the two.
 */
final class DataOptions {

  @Option(names = "--input", paramLabel = "PATH",
      description = "Data file(s) in the job's format (see above): a file, directory or glob on any Hadoop"
          + " file system.")
  String input;

  @Option(names = "--test", paramLabel = "PATH", description = "Held-out data (same format as --input) for test RMSE.")
  String testInput;

  @Option(names = "--header", description = "The files start with a header line.")
  boolean header;

  @Option(names = "--rows", description = "Number of rows m.")
  Integer rows;

  @Option(names = "--cols", description = "Number of columns n.")
  Integer cols;

  @Option(names = "--synthetic", paramLabel = "SPEC",
      description = "Generate the job's reference task instead of reading files (see above).")
  String synthetic;

  /** True for the synthetic task, false for files; fails unless exactly one was given. */
  boolean synthetic() {
    if ((input == null) == (synthetic == null)) {
      throw new IllegalArgumentException("give exactly one of --input PATH or --synthetic SPEC");
    }
    return synthetic != null;
  }
}
