package io.sparkdmf.jobs;

import picocli.CommandLine.Option;

/** Where a job writes, shared by every job that writes a result directory. */
final class OutputOptions {

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (must not exist).")
  String out;

  @Option(names = "--overwrite", description = "Replace --out if it exists.")
  boolean overwrite;
}
