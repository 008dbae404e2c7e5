package io.sparkdmf.jobs;

import io.sparkdmf.data.AtomicOutputDirectory;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Option;

/** Where a job writes, shared by every job that writes a result directory. */
public final class OutputOptions {

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (must not exist).")
  public String out;

  @Option(names = "--overwrite", description = "Replace --out if it exists.")
  public boolean overwrite;

  /** Refuses an existing {@code --out} before the job starts Spark or reads its input. */
  void refuseExisting() {
    AtomicOutputDirectory.refuseExisting(out, overwrite, new Configuration());
  }
}
