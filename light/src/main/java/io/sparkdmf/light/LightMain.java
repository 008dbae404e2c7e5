package io.sparkdmf.light;

import io.sparkdmf.jobs.Main;
import io.sparkdmf.light.job.LightTransportJob;
import java.util.List;

/** Entry point of the light-transport jar: every job of {@code dmf} plus {@code light-transport}. */
public final class LightMain {
  private LightMain() {}

  /** Runs a job and returns its exit code (tests call this rather than main). */
  public static int run(String... args) {
    return Main.run(List.of(new LightTransportJob()), args);
  }

  public static void main(String[] args) {
    Main.exit(run(args));
  }
}
