package io.sparkdmf.jobs;

import picocli.CommandLine.Option;

/** Where a job writes, shared by every job that writes a result directory. */
public final class OutputOptions {

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (must not exist).")
  public String out;

  @Option(names = "--overwrite", description = "Replace --out if it exists.")
  public boolean overwrite;
}
