package io.sparkdmf.research.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GroupProgressTest {

  @Test
  void reportsTheFurthestStepThePaceAndTheTimeToTheStepCap() {
    AtomicIntegerArray stepOf = new AtomicIntegerArray(new int[] {1000, 1200, 900});
    AtomicInteger left = new AtomicInteger(3);
    AtomicLong now = new AtomicLong(0);
    GroupProgress progress = new GroupProgress("group", stepOf, left, 10_000, now::get);

    assertEquals("group: 3 of 3 runs under way, at step 1200", progress.nextLine());

    // Two minutes later the furthest run is 600 steps on: 300 steps a minute, so the remaining
    // 8,200 steps of the cap take 27 min 20 s at most.
    stepOf.set(0, 1800);
    left.set(2);
    now.set(120_000_000_000L);
    assertEquals("group: 2 of 3 runs under way, at step 1800 (300 steps/min; the step cap 10000 at most 0:27:20 away)",
        progress.nextLine());
  }
}
