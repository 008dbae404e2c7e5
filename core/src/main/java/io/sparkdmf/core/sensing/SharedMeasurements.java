package io.sparkdmf.core.sensing;

import io.sparkdmf.core.engine.LocalBlocks;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.objective.Evaluation;
import io.sparkdmf.core.objective.Objective;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Measurements shared by several models trained at the same time, each in its own thread (a sweep
 * over depths, init scales and step sizes on one task). A model alone is bound by reading the
 * operators from memory once per step. Here each member's objective hands its end-to-end W over and
 * waits; once every member has, one pass computes all their residuals and gradients
 * ({@link SharedSensingKernel}), so the operators are read once per step for all of them
 * (docs/benchmarks.md). The blocks are shared among a few threads, as on the local engine.
 *
 * <p>Members therefore advance in lockstep: a member that stops, for whatever reason, must close its
 * objective so that the others stop waiting for it. A member's results are those of
 * {@link SensingObjective} on the same blocks up to rounding (gemm sums in another order).
 */
public final class SharedMeasurements implements AutoCloseable {
  private final LocalBlocks<MeasurementBlock> blocks;
  private final SharedSensingKernel kernel;
  private final int cells;
  private final long size;
  private final List<Request> waiting = new ArrayList<>();
  private int members;

  /**
   * @param blocks the measurements of an m x n matrix, with m n = {@code cells}
   * @param threads threads that share the blocks in each step's pass
   */
  public SharedMeasurements(List<MeasurementBlock> blocks, int cells, int threads) {
    this(blocks, cells, threads, true);
  }

  /**
   * @param tuned whether each pass reads the operators as is fastest for the number of members
   *     (docs/benchmarks.md); if not, as a plain version does, with two gemm over each whole block (a
   *     benchmark's baseline)
   */
  public SharedMeasurements(List<MeasurementBlock> blocks, int cells, int threads, boolean tuned) {
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("no measurements to share");
    }
    for (MeasurementBlock block : blocks) {
      if (block.operators().rows() != cells) {
        throw new IllegalArgumentException("operators of " + block.operators().rows()
            + " cells, expected " + cells);
      }
    }
    this.blocks = new LocalBlocks<>(blocks, threads);
    this.kernel = new SharedSensingKernel(tuned);
    this.cells = cells;
    this.size = blocks.stream().mapToLong(MeasurementBlock::size).sum();
  }

  /** Stops the pass's threads; every member must have closed its objective. */
  @Override
  public void close() {
    blocks.close();
  }

  /**
   * A new member: the objective to train one model with, from one thread. Join every member before
   * any starts, or the first steps are computed in smaller batches.
   */
  public synchronized Objective join() {
    members++;
    return new Member();
  }

  private synchronized SensingPartial submit(Matrix w) {
    if (w.data().length != cells) {
      throw new IllegalArgumentException("a " + w.rows() + " x " + w.cols() + " matrix cannot be measured by operators of "
          + cells + " cells");
    }
    Request request = new Request(w);
    waiting.add(request);
    if (waiting.size() == members) {
      answerAll();
    }
    while (!request.answered()) {
      try {
        wait();
      } catch (InterruptedException e) {
        waiting.remove(request);
        Thread.currentThread().interrupt();
        throw new CancellationException("interrupted while waiting for the other members' step");
      }
    }
    return request.result();
  }

  private synchronized void leave() {
    members--;
    if (!waiting.isEmpty() && waiting.size() == members) {
      answerAll();
    }
  }

  /** Runs with the lock held: every member is waiting, so none is kept from work. */
  private void answerAll() {
    List<Request> batch = List.copyOf(waiting);
    waiting.clear();
    try {
      List<SensingPartial> results = pass(batch);
      for (int j = 0; j < batch.size(); j++) {
        batch.get(j).answer(results.get(j), null);
      }
    } catch (RuntimeException | Error e) {
      batch.forEach(request -> request.answer(null, e));
    }
    notifyAll();
  }

  private List<SensingPartial> pass(List<Request> batch) {
    int width = batch.size();
    Matrix ws = Matrix.zeros(cells, width);
    for (int j = 0; j < width; j++) {
      System.arraycopy(batch.get(j).w().data(), 0, ws.data(), j * cells, cells);
    }
    SharedSensingKernel.Sums sums = blocks.aggregate(ws, kernel);
    List<SensingPartial> results = new ArrayList<>();
    for (int j = 0; j < width; j++) {
      results.add(sums.member(j));
    }
    return results;
  }

  /** One member's W for the current step, and then its answer. */
  private static final class Request {
    private final Matrix w;
    private SensingPartial result;
    private Throwable failure;

    Request(Matrix w) {
      this.w = w;
    }

    Matrix w() {
      return w;
    }

    void answer(SensingPartial result, Throwable failure) {
      this.result = result;
      this.failure = failure;
    }

    boolean answered() {
      return result != null || failure != null;
    }

    SensingPartial result() {
      if (failure != null) {
        throw new IllegalStateException("the shared sensing step failed", failure);
      }
      return result;
    }
  }

  /** One member's view: the ordinary sensing objective, computed together with the others. */
  private final class Member implements Objective {
    private boolean closed;

    @Override
    public Evaluation evaluate(DeepFactorization model) {
      return SensingObjective.evaluate(model, SharedMeasurements.this::submit);
    }

    @Override
    public double meanSquaredError(DeepFactorization model) {
      return submit(model.endToEnd()).meanSquaredResidual();
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public String engineName() {
      return "local";
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        leave();
      }
    }
  }
}
