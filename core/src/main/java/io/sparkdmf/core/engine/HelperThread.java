package io.sparkdmf.core.engine;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A thread that helps with whatever {@link ClaimRound} its engine has open, claiming chunks until none
 * is left. Between rounds it waits up to a millisecond for the next one, giving its core away to any
 * other runnable thread on each turn ({@link Thread#yield}), then parks: a small model's next step
 * comes within a few hundred microseconds, and waking a parked thread costs tens of microseconds on a
 * virtual machine. As soon as a turn shows that another thread took the core (the yield came back late),
 * it parks at once: a waiting helper that stays runnable on a busy machine would take time from the
 * calling thread, which does the rest of the step.
 */
final class HelperThread implements AutoCloseable {
  static final long WAIT_BEFORE_PARKING_NANOS = 1_000_000;
  /** A yield that takes longer than this gave the core to another thread: the machine is busy. */
  private static final long CONTENDED_NANOS = 50_000;

  private final Thread thread;
  private final Supplier<ClaimRound<?>> rounds;
  private volatile boolean parked;
  private volatile boolean closed;

  HelperThread(String name, Supplier<ClaimRound<?>> rounds) {
    this.rounds = rounds;
    this.thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Tells the helper that a new round is open; costs nothing unless it has parked. */
  void wake() {
    if (parked) {
      LockSupport.unpark(thread);
    }
  }

  private void loop() {
    ClaimRound<?> seen = null;
    long idleSince = System.nanoTime();
    boolean contended = false;
    while (!closed) {
      ClaimRound<?> round = rounds.get();
      if (round != null && round != seen) {
        seen = round;
        for (int chunk = round.claim(); chunk >= 0; chunk = round.claim()) {
          round.run(chunk);
        }
        idleSince = System.nanoTime();
      } else if (!contended && System.nanoTime() - idleSince < WAIT_BEFORE_PARKING_NANOS) {
        long before = System.nanoTime();
        Thread.yield();
        contended = System.nanoTime() - before > CONTENDED_NANOS;
      } else {
        parked = true;
        // re-read after announcing the park: a round opened in between is seen here or wakes the park
        ClaimRound<?> now = rounds.get();
        if ((now == null || now == seen) && !closed) {
          LockSupport.park(this);
        }
        parked = false;
        contended = false;
        idleSince = System.nanoTime();
      }
    }
  }

  /** True while the helper is parked: idle, and using no core. */
  boolean isParked() {
    return thread.getState() == Thread.State.WAITING;
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
  }
}
