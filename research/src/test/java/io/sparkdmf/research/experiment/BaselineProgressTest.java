package io.sparkdmf.research.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BaselineProgressTest {

  @Test
  void logsTheIterationAndResidualsAtMostOnceAMinute() {
    AtomicLong now = new AtomicLong(5_000_000_000L);
    BaselineProgress progress = new BaselineProgress("baseline", 20_000, 1e-8, now::get);

    now.addAndGet(59_000_000_000L);
    assertEquals(Optional.empty(), progress.nextLine(400, 1e-3, 2e-3), "before the first minute");

    now.addAndGet(1_000_000_000L);
    assertEquals(Optional.of("baseline: ADMM iteration 401 of at most 20000, relative residuals 3.10e-06 (primal)"
        + " and 2.25e-05 (dual); stops when both are below 1e-08"), progress.nextLine(401, 3.1e-6, 2.25e-5));

    now.addAndGet(30_000_000_000L);
    assertEquals(Optional.empty(), progress.nextLine(600, 1e-6, 1e-5), "half a minute after a line");
  }
}
