package io.sparkdmf.research.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The peak live heap while something runs: the largest heap in use right after a garbage collection
 * (what had to be kept, not garbage not yet collected), from the JVM's GC notifications. In local
 * mode driver and executors share the JVM, so this is the whole job's.
 */
final class PeakHeap implements AutoCloseable {
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::onCollection;
  private volatile long peak;

  PeakHeap() {
    System.gc(); // start from the live set, not the previous run's garbage
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
  }

  private void onCollection(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long used = 0;
    for (MemoryUsage usage : info.getGcInfo().getMemoryUsageAfterGc().values()) {
      used += usage.getUsed();
    }
    synchronized (this) {
      peak = Math.max(peak, used);
    }
  }

  /** Peak live heap in MiB so far (0 if no collection happened). */
  long peakMiB() {
    return peak >> 20;
  }

  @Override
  public void close() {
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (javax.management.ListenerNotFoundException ignored) {
        // already gone
      }
    }
  }
}
