package io.sparkdmf.research.experiment;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The progress line of a group of runs that train together, logged every minute: how many runs are
 * still under way, the step of the furthest, the steps per minute since the last line, and how long
 * the group would take to reach the step cap at that pace. That is an upper bound: runs stop earlier
 * when they reach the loss threshold, which cannot be known in advance.
 */
final class GroupProgress implements Runnable {
  // Logged under the Runner, which trains the group, as its other lines are.
  private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

  private final String group;
  private final AtomicIntegerArray stepOf;
  private final AtomicInteger left;
  private final int maxSteps;
  private final LongSupplier nanoTime;
  private int lastStep = -1;
  private long lastNanos;

  /** {@code stepOf} holds each member's latest step and {@code left} the members still training. */
  GroupProgress(String group, AtomicIntegerArray stepOf, AtomicInteger left, int maxSteps, LongSupplier nanoTime) {
    this.group = group;
    this.stepOf = stepOf;
    this.left = left;
    this.maxSteps = maxSteps;
    this.nanoTime = nanoTime;
  }

  @Override
  public void run() {
    LOG.info(nextLine());
  }

  /** The line for now; the pace is measured from the previous call. */
  String nextLine() {
    int step = 0;
    for (int i = 0; i < stepOf.length(); i++) {
      step = Math.max(step, stepOf.get(i));
    }
    long now = nanoTime.getAsLong();
    String pace = "";
    if (lastStep >= 0 && step > lastStep) {
      double perMinute = (step - lastStep) / ((now - lastNanos) / 60e9);
      pace = String.format(Locale.ROOT, " (%.0f steps/min; the step cap %d at most %s away)", perMinute,
          maxSteps, ImplicitRegularizationExperiment.clock((maxSteps - step) / perMinute * 60));
    }
    lastStep = step;
    lastNanos = now;
    return String.format(Locale.ROOT, "%s: %d of %d runs under way, at step %d%s", group, left.get(),
        stepOf.length(), step, pace);
  }
}
