package io.sparkdmf.research.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.research.experiment.RunSpec.Kind;
import io.sparkdmf.research.experiment.RunSpec.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep run interrupted after its last checkpoint goes on from it to the result of an uninterrupted run. */
class RunnerTest {
  private static final RunSpec RUN = new RunSpec(Kind.DMF, Task.COMPLETION, 600, 3, 1e-2, 1e-2, 0);

  @TempDir Path dir;

  private static Runner runner(int maxSteps, RunStore store) {
    return new Runner(maxSteps, 0, 1, 1e-8, 10, store, 50);
  }

  @Test
  void interruptedRunGoesOnFromItsCheckpointToTheSameResult() {
    RunResult straight = runner(200, new RunStore(dir.resolve("straight"))).run(RUN);

    RunStore store = new RunStore(dir.resolve("interrupted"));
    // The first 120 steps, never saved: as if the job were killed after the checkpoint of step 100.
    assertEquals(120, runner(120, store).run(RUN).steps());
    Path checkpoints = dir.resolve("interrupted/checkpoints").resolve(RUN.id());
    assertTrue(Files.isDirectory(checkpoints.resolve("step-000000100")), "checkpoint of step 100");

    RunResult resumed = runner(200, store).run(RUN);
    assertEquals(straight.steps(), resumed.steps());
    assertEquals(straight.stopReason(), resumed.stopReason());
    assertEquals(straight.error(), resumed.error(), 0.0, "a checkpoint holds the exact factors and optimizer state");

    store.save(resumed);
    assertFalse(Files.exists(checkpoints), "a saved run's checkpoints are deleted");
  }
}
