package io.sparkdmf.research.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Other processes that keep cores busy while a benchmark runs, as on a shared laptop or an executor
 * running other tasks. Each is a shell loop that spins for as long as this JVM lives: it checks its
 * parent on every turn, so even a benchmark killed with SIGKILL leaves none behind.
 */
final class BusyProcesses implements AutoCloseable {
  private final List<Process> processes = new ArrayList<>();

  private BusyProcesses() {}

  static BusyProcesses start(int count) throws IOException {
    BusyProcesses busy = new BusyProcesses();
    try {
      for (int i = 0; i < count; i++) {
        busy.processes.add(new ProcessBuilder("sh", "-c", "while kill -0 $PPID 2>/dev/null; do :; done")
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
      }
    } catch (IOException e) {
      busy.close();
      throw e;
    }
    return busy;
  }

  int count() {
    return processes.size();
  }

  @Override
  public void close() {
    processes.forEach(Process::destroyForcibly);
  }
}
