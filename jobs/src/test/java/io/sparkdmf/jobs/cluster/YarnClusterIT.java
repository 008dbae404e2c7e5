package io.sparkdmf.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdmf.data.StarRatings;
import io.sparkdmf.jobs.CompleteJobTest;
import io.sparkdmf.jobs.HadoopText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code complete} on YARN, submitted with the {@code spark-submit} of a Spark distribution (the pyspark
 * wheel's) to a YARN and HDFS in this JVM: in cluster mode through the recipe
 * {@code deploy/submit/yarn.sh} (the driver in the application master), and in client mode through the
 * launcher {@code deploy/dmf --master yarn}. Ratings are read from HDFS and the results written there;
 * both modes give the same factors. Tagged {@code cluster}; every log stays in
 * {@code jobs/target/yarn-cluster-test}.
 */
@Tag("cluster")
class YarnClusterIT {
  private static final Duration RUN_LIMIT = Duration.ofMinutes(4);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MAIN_CLASS_OF_AN_APPLICATION_MASTER = "org.apache.spark.deploy.yarn.ApplicationMaster";
  private static final List<String> JOB_OPTIONS = List.of("--engine", "spark", "--parallelism", "2",
      "--validation-fraction", "0", "--optimizer", "adam", "--lr", "1e-2", "--max-steps", "150",
      "--checkpoint-every", "25", "--singular-values", "0");

  private final Path dir = Path.of("target", "yarn-cluster-test").toAbsolutePath();
  private final Path repository = Path.of("..").toAbsolutePath().normalize();

  @Test
  void completeRunsInBothDeployModesAndALostApplicationMasterResumesOnItsSecondAttempt() {
    assertTimeoutPreemptively(Duration.ofMinutes(12), () -> {
      ClusterTests.emptyDirectory(dir);
      try (YarnCluster cluster = new YarnCluster(dir)) {
        FileSystem hdfs = cluster.fileSystem();
        String root = hdfs.getUri() + "/dmf";
        HadoopText.write(hdfs, root + "/ratings.tsv",
            CompleteJobTest.lines(StarRatings.sized(3000, 1).generateLocally()[0], "\t"));
        Map<String, String> env = environment(cluster);

        finish(start("cluster-mode", recipe(root, "cluster-mode"), env), cluster);

        List<String> launcher = new ArrayList<>(List.of(repository.resolve("deploy/dmf").toString(), "complete",
            "--master", "yarn", "--ratings", "--input", root + "/ratings.tsv", "--out", root + "/client-mode"));
        launcher.addAll(JOB_OPTIONS);
        finish(start("client-mode", launcher, env), cluster);

        Submission lost = start("lost-master", recipe(root, "lost-master"), env);
        org.apache.hadoop.fs.Path checkpoints = new org.apache.hadoop.fs.Path(root + "/lost-master.checkpoints");
        ClusterTests.waitFor(RUN_LIMIT, () -> hasCheckpoint(hdfs, checkpoints), "lost-master's first checkpoint");
        // the container's JVM, not the shell that launched it
        List<ProcessHandle> masters = ProcessHandle.allProcesses()
            .filter(p -> p.info().command().map(command -> command.endsWith("/java")).orElse(false))
            .filter(p -> p.info().commandLine().map(line -> line.contains(MAIN_CLASS_OF_AN_APPLICATION_MASTER))
                .orElse(false)).toList();
        assertEquals(1, masters.size(), "one application master runs");
        masters.get(0).destroyForcibly();
        finish(lost, cluster);

        Map<String, JsonNode> metrics = new HashMap<>();
        for (String run : List.of("cluster-mode", "client-mode", "lost-master")) {
          String record = HadoopText.read(hdfs, root + "/" + run + "/run.json");
          assertTrue(record.contains("\"yarn\""), run + " ran on YARN: " + record);
          assertTrue(record.contains("application_"), run + " records its YARN application id: " + record);
          metrics.put(run, JSON.readTree(HadoopText.read(hdfs, root + "/" + run + "/metrics.json")));
          assertEquals("spark", metrics.get(run).get("engine").asText(),
              run + ": the option given after the recipe's wins");
          assertEquals(150, metrics.get(run).get("steps").asInt(), run);
        }
        assertTrue(metrics.get("lost-master").get("resumed_from_step").asInt() >= 25,
            "the second attempt resumed: " + metrics.get("lost-master"));
        for (int k = 1; k <= 2; k++) {
          String factor = "/factors/W" + k + ".mtx";
          String expected = HadoopText.read(hdfs, root + "/cluster-mode" + factor);
          assertEquals(expected, HadoopText.read(hdfs, root + "/client-mode" + factor), "W" + k + " in client mode");
          assertEquals(expected, HadoopText.read(hdfs, root + "/lost-master" + factor),
              "W" + k + " after a lost master");
        }
        FileStatus[] left = hdfs.listStatus(new org.apache.hadoop.fs.Path(root));
        assertEquals("[client-mode, cluster-mode, cluster-mode.checkpoints, lost-master, "
            + "lost-master.checkpoints, ratings.tsv]",
            Arrays.toString(Arrays.stream(left).map(f -> f.getPath().getName()).sorted().toArray()),
            "no staging directory is left beside the outputs");
      }
    });
  }

  /** The YARN recipe's command line: cluster mode, two attempts, checkpoints beside the output. */
  private List<String> recipe(String root, String name) {
    List<String> command = new ArrayList<>(List.of(repository.resolve("deploy/submit/yarn.sh").toString(),
        root + "/ratings.tsv", root + "/" + name));
    command.addAll(JOB_OPTIONS);
    return command;
  }

  private static boolean hasCheckpoint(FileSystem hdfs, org.apache.hadoop.fs.Path checkpoints) {
    try {
      return hdfs.exists(checkpoints) && Arrays.stream(hdfs.listStatus(checkpoints))
          .anyMatch(f -> f.getPath().getName().startsWith("step-"));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * What a YARN client machine has: SPARK_HOME (a Spark distribution), HADOOP_CONF_DIR (the cluster's
   * addresses) and SPARK_CONF_DIR (this cluster's defaults: small executors, Spark's jars already on
   * every node).
   */
  private Map<String, String> environment(YarnCluster cluster) throws IOException, InterruptedException {
    Path sparkHome = ClusterTests.sparkDistribution();
    Path sparkConf = Files.createDirectories(dir.resolve("spark-conf"));
    Files.writeString(sparkConf.resolve("spark-defaults.conf"), String.join("\n",
        "spark.yarn.jars local:" + sparkHome.resolve("jars") + "/*",
        "spark.executor.instances 1",
        "spark.executor.cores 1",
        "spark.executor.memory 512m",
        "spark.driver.memory 512m",
        "spark.yarn.am.memory 512m",
        "spark.driver.host 127.0.0.1",
        "spark.yarn.appMasterEnv.SPARK_LOCAL_IP 127.0.0.1",
        "spark.executorEnv.SPARK_LOCAL_IP 127.0.0.1",
        "spark.ui.enabled false",
        ""));
    return Map.of("SPARK_HOME", sparkHome.toString(), "HADOOP_CONF_DIR", cluster.confDir().toString(),
        "SPARK_CONF_DIR", sparkConf.toString(), "SPARK_LOCAL_IP", "127.0.0.1",
        "EXECUTORS", "1", "EXECUTOR_CORES", "1", "EXECUTOR_MEMORY", "512m");
  }

  /** A submission running, its output going to {@code name}.log. */
  private record Submission(String name, Process process, Path log) {}

  private Submission start(String name, List<String> command, Map<String, String> env) throws IOException {
    Path log = dir.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    builder.environment().remove("PYSPARK_SUBMIT_ARGS");
    return new Submission(name, builder.start(), log);
  }

  private static void finish(Submission submission, YarnCluster cluster) throws Exception {
    Process process = submission.process();
    if (!process.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
    }
    if (process.exitValue() != 0) {
      fail(submission.name() + " failed:\n" + Files.readString(submission.log()) + cluster.containerErrors());
    }
  }
}
