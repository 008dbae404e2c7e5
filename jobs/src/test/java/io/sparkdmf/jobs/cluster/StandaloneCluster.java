package io.sparkdmf.jobs.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Spark standalone cluster on 127.0.0.1: a master and workers as separate JVMs started from a
 * stock Spark class path (the Spark jars Maven already has, none of ours), each with its own ports and
 * work directory, and applications submitted to it with Spark's own {@code spark-submit} class. Every service binds to loopback
 * (SPARK_LOCAL_IP, --host, driver bind address); {@link #close()} stops every process it started,
 * the workers' executors included.
 */
final class StandaloneCluster implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";

  private final Path dir;
  private final String classpath;
  private final List<String> javaOptions;
  private final List<Process> processes = new ArrayList<>();
  private final List<Process> workers = new ArrayList<>();
  private final String masterUrl;

  StandaloneCluster(Path dir, int workerCount, String sparkClasspath, List<String> javaOptions) throws IOException {
    this.dir = dir;
    this.classpath = sparkClasspath;
    this.javaOptions = javaOptions;
    int masterPort = freePort();
    masterUrl = "spark://" + LOOPBACK + ":" + masterPort;
    start("master", List.of("org.apache.spark.deploy.master.Master", "--host", LOOPBACK, "--port",
        String.valueOf(masterPort), "--webui-port", String.valueOf(freePort())));
    ClusterTests.waitFor(Duration.ofSeconds(60), () -> log("master").contains("I have been elected leader"),
        "the master to start");
    for (int w = 0; w < workerCount; w++) {
      Path work = Files.createDirectories(dir.resolve("worker-" + w));
      workers.add(start("worker-" + w, List.of("org.apache.spark.deploy.worker.Worker", "--host", LOOPBACK,
          "--webui-port", String.valueOf(freePort()), "--cores", "1", "--memory", "1g", "--work-dir",
          work.toString(), masterUrl)));
    }
    for (int w = 0; w < workerCount; w++) {
      String name = "worker-" + w;
      ClusterTests.waitFor(Duration.ofSeconds(60), () -> log(name).contains("Successfully registered with master"),
          name + " to register");
    }
  }

  String masterUrl() {
    return masterUrl;
  }

  /**
   * Submits an application jar with {@code spark-submit} (client mode: the driver runs in the
   * submitting JVM, whose output goes to {@code name}.log); Spark ships the jar to the executors.
   */
  Process submit(String name, Path applicationJar, String mainClass, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        "org.apache.spark.deploy.SparkSubmit",
        "--master", masterUrl,
        "--deploy-mode", "client",
        "--class", mainClass,
        "--conf", "spark.driver.host=" + LOOPBACK,
        "--conf", "spark.driver.bindAddress=" + LOOPBACK,
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.executor.memory=512m",
        "--conf", "spark.executor.cores=1",
        "--conf", "spark.cores.max=" + workers.size(),
        "--conf", "spark.executorEnv.OPENBLAS_NUM_THREADS=1",
        // what a distribution's jars/ directory would give the executors
        "--conf", "spark.executor.extraClassPath=" + classpath,
        "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", javaOptions),
        applicationJar.toString()));
    command.addAll(args);
    return start(name, command);
  }

  /** The executor processes a worker has started: its only child processes. */
  List<ProcessHandle> executorsOf(int worker) {
    return workers.get(worker).children().filter(ProcessHandle::isAlive).toList();
  }

  String log(String name) {
    try {
      Path file = dir.resolve(name + ".log");
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private Process start(String name, List<String> mainAndArgs) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOptions);
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(classpath);
    command.addAll(mainAndArgs);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    Map<String, String> env = builder.environment();
    env.put("SPARK_LOCAL_IP", LOOPBACK); // every service, web UIs included, binds to loopback only
    env.put("SPARK_HOME", dir.toString()); // no distribution: executors get the workers' class path
    env.put("SPARK_SCALA_VERSION", "2.12");
    env.put("SPARK_TESTING", "1"); // lets the launcher run without a Spark distribution's jars directory
    env.put("OPENBLAS_NUM_THREADS", "1");
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      return socket.getLocalPort();
    }
  }

  /** Stops drivers, executors, workers and the master, children first. */
  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process process = processes.get(i);
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    for (Process process : processes) {
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
