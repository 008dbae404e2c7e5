package io.sparkdmf.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The local engine hands blocks to its worker threads and merges their buffers in a fixed order. */
class LocalBlocksTest {

  /** Lists the blocks it saw, each times the shipped factor, so order and content are both visible. */
  private static final class ListingKernel implements BlockKernel<Integer, Integer, List<Integer>> {
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
        Thread.sleep(SpinningWorker.SPIN_NANOS / 1_000_000 * 5);
        assertEquals(expected, engine.aggregate(3, new ListingKernel(-1)), threads + " threads, after idling");
      }
    }
  }

  @Test
  void aFailureOnAWorkerSurfacesWithItsCauseAndTheEngineCarriesOn() {
    try (LocalBlocks<Integer> engine = new LocalBlocks<>(BLOCKS, 2)) {
      IllegalStateException failure =
          assertThrows(IllegalStateException.class, () -> engine.aggregate(1, new ListingKernel(7)));
      assertSame(ArithmeticException.class, failure.getCause().getClass());
      assertEquals(BLOCKS, engine.aggregate(1, new ListingKernel(-1)));
    }
  }

  @Test
  void aFailureOnTheCallingThreadWaitsForTheWorkers() {
    try (LocalBlocks<Integer> engine = new LocalBlocks<>(BLOCKS, 2)) {
      assertThrows(ArithmeticException.class, () -> engine.aggregate(1, new ListingKernel(2)));
      assertEquals(BLOCKS, engine.aggregate(1, new ListingKernel(-1)));
    }
  }
}
