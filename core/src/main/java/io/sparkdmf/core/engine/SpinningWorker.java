package io.sparkdmf.core.engine;

import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread that runs one handed-over task at a time and keeps spinning for a moment after each, so
 * that the next hand-over costs well under a microsecond. A small model's step comes every few hundred
 * microseconds, and parking and waking a thread costs tens of microseconds on a virtual machine, so a
 * plain executor spent more on waking its threads than it gained from them. Idle for longer than
 * {@link #SPIN_NANOS}, the worker parks and costs nothing.
 */
final class SpinningWorker implements AutoCloseable {
  static final long SPIN_NANOS = 1_000_000;

  private final Thread thread;
  private volatile Callable<?> task;
  private volatile boolean done;
  private volatile Object result;
  private volatile Throwable failure;
  private volatile Thread waiter;
  private volatile boolean closed;

  SpinningWorker(String name) {
    thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Hands over {@code work}; the previous task must have been joined. */
  void start(Callable<?> work) {
    done = false;
    result = null;
    failure = null;
    waiter = Thread.currentThread();
    task = work;
    LockSupport.unpark(thread);
  }

  /** Waits for the task handed over by {@link #start} and returns its result, or throws its failure. */
  @SuppressWarnings("unchecked")
  <A> A join() {
    long since = System.nanoTime();
    while (!done) {
      idle(since);
    }
    if (failure != null) {
      throw new IllegalStateException("a kernel failed", failure);
    }
    return (A) result;
  }

  private void loop() {
    long idleSince = System.nanoTime();
    while (!closed) {
      Callable<?> work = task;
      if (work == null) {
        idle(idleSince);
        continue;
      }
      task = null;
      try {
        result = work.call();
      } catch (Throwable e) {
        failure = e;
      }
      done = true;
      LockSupport.unpark(waiter);
      idleSince = System.nanoTime();
    }
  }

  /** One round of waiting: spin for {@link #SPIN_NANOS} after {@code since}, then park. */
  private void idle(long since) {
    if (System.nanoTime() - since < SPIN_NANOS) {
      Thread.onSpinWait();
    } else {
      LockSupport.park(this);
    }
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
  }
}
