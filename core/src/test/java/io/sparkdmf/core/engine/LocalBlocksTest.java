package io.sparkdmf.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The local engine lets its threads claim chunks of blocks and merges their buffers in a fixed order. */
class LocalBlocksTest {

  /** Lists the blocks it saw, each times the shipped factor, so order and content are both visible. */
  private static class ListingKernel implements BlockKernel<Integer, Integer, List<Integer>> {
    private final int failOn;

    ListingKernel(int failOn) {
      this.failOn = failOn;
    }

    @Override
    public List<Integer> zero() {
      return new ArrayList<>();
    }

    @Override
    public List<Integer> accumulate(Integer factor, Integer block, List<Integer> into) {
      if (block == failOn) {
        throw new ArithmeticException("block " + block);
      }
      into.add(block * factor);
      return into;
    }

    @Override
    public List<Integer> merge(List<Integer> into, List<Integer> other) {
      into.addAll(other);
      return into;
    }
  }

  private static final List<Integer> BLOCKS = IntStream.range(0, 10).boxed().toList();

  @Test
  void everyThreadCountSeesEveryBlockOnceInOrder() throws InterruptedException {
    List<Integer> expected = BLOCKS.stream().map(b -> 3 * b).toList();
    for (int threads = 1; threads <= 4; threads++) {
      try (LocalBlocks<Integer> engine = new LocalBlocks<>(BLOCKS, threads)) {
        assertEquals(expected, engine.aggregate(3, new ListingKernel(-1)), threads + " threads");
        // Idle past the spin: the workers have parked and must wake for the next step.
        Thread.sleep(HelperThread.WAIT_BEFORE_PARKING_NANOS / 1_000_000 * 5);
        assertEquals(expected, engine.aggregate(3, new ListingKernel(-1)), threads + " threads, after idling");
      }
    }
  }

  /** Between steps a helper waits briefly, then parks: an idle engine holds no core. */
  @Test
  void idleHelpersPark() throws InterruptedException {
    BlockKernel<Integer, Integer, List<Integer>> slow = new ListingKernel(-1) {
      @Override
      public List<Integer> accumulate(Integer factor, Integer block, List<Integer> into) {
        try {
          Thread.sleep(2); // long enough for the helper to wake and take the second chunk
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return super.accumulate(factor, block, into);
      }
    };
    try (LocalBlocks<Integer> engine = new LocalBlocks<>(BLOCKS, 2)) {
      for (int step = 0; step < 3; step++) {
        assertEquals(BLOCKS, engine.aggregate(1, slow));
      }
      Thread.sleep(HelperThread.WAIT_BEFORE_PARKING_NANOS / 1_000_000 * 20);
      for (int sample = 0; sample < 20; sample++) {
        assertTrue(engine.helpersParked(), "sample " + sample + ": a helper still runs while the engine is idle");
        Thread.sleep(1);
      }
    }
  }

  @ParameterizedTest(name = "failing block {0}")
  @ValueSource(ints = {2, 7})
  void aFailureInAnyChunkSurfacesWithItsCauseAndTheEngineCarriesOn(int failing) {
    try (LocalBlocks<Integer> engine = new LocalBlocks<>(BLOCKS, 2)) {
      IllegalStateException failure =
          assertThrows(IllegalStateException.class, () -> engine.aggregate(1, new ListingKernel(failing)));
      assertSame(ArithmeticException.class, failure.getCause().getClass());
      assertEquals(BLOCKS, engine.aggregate(1, new ListingKernel(-1)));
    }
  }

  /**
   * A helper that stalls inside its chunk (as when the OS gives its core to another process) does not
   * hold up the step: the calling thread computes that chunk itself and returns the same result
   * while the helper is still stalled.
   */
  @Test
  void aStalledHelperDoesNotHoldUpTheStep() {
    CountDownLatch helperStalled = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    BlockKernel<Integer, Integer, List<Integer>> stalling = new ListingKernel(-1) {
      @Override
      public List<Integer> accumulate(Integer factor, Integer block, List<Integer> into) {
        boolean helper = Thread.currentThread().getName().startsWith("dmf-local-engine");
        try {
          if (helper) {
            helperStalled.countDown();
            release.await();
          } else if (!helperStalled.await(30, TimeUnit.SECONDS)) {
            // the calling thread's chunk ends only once the helper has claimed the other one and stalled
            throw new IllegalStateException("the helper never claimed a chunk");
          }
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return super.accumulate(factor, block, into);
      }
    };
    try (LocalBlocks<Integer> engine = new LocalBlocks<>(BLOCKS, 2)) {
      assertEquals(BLOCKS.stream().map(b -> 2 * b).toList(), engine.aggregate(2, stalling));
      assertEquals(1, release.getCount(), "returned while the helper was still stalled");
      release.countDown();
      assertEquals(BLOCKS, engine.aggregate(1, new ListingKernel(-1)));
    }
  }
}
