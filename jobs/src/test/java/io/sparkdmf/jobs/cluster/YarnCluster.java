package io.sparkdmf.jobs.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * A Hadoop cluster in this JVM, as a YARN application sees one: HDFS (a NameNode and a DataNode) as
 * the default file system, and YARN (a ResourceManager and one NodeManager that starts containers as
 * processes of this machine). {@link #confDir()} holds the {@code core-site.xml} and {@code yarn-site.xml}
 * a client reads through {@code HADOOP_CONF_DIR}; {@link #close()} stops both, and with the
 * NodeManager every container it started.
 */
final class YarnCluster implements AutoCloseable {
  private final MiniDFSCluster hdfs;
  private final MiniYARNCluster yarn;
  private final Path confDir;
  private final Path yarnDir;

  YarnCluster(Path dir) throws IOException {
    Configuration hdfsConf = new Configuration();
    hdfsConf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
    hdfs = new MiniDFSCluster.Builder(hdfsConf).numDataNodes(1).build();
    hdfs.waitActive();

    String defaultFs = hdfs.getFileSystem().getUri().toString();
    YarnConfiguration yarnConf = new YarnConfiguration();
    yarnConf.set(FileSystem.FS_DEFAULT_NAME_KEY, defaultFs);
    // hadoop-client-minicluster leaves out capacity-scheduler.xml: one queue takes the whole cluster
    yarnConf.set("yarn.scheduler.capacity.root.queues", "default");
    yarnConf.set("yarn.scheduler.capacity.root.default.capacity", "100");
    yarnConf.set("yarn.scheduler.capacity.root.default.maximum-capacity", "100");
    yarnConf.set("yarn.scheduler.capacity.root.default.user-limit-factor", "1");
    yarnConf.set("yarn.scheduler.capacity.root.default.state", "RUNNING");
    yarnConf.set("yarn.scheduler.capacity.root.default.acl_submit_applications", "*");
    yarnConf.set("yarn.scheduler.capacity.maximum-am-resource-percent", "0.5");
    // a full disk on a developer's machine must not mark the only node unhealthy
    yarnConf.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100.0");
    yarnConf.setInt(YarnConfiguration.NM_PMEM_MB, 4096);
    yarnConf.setInt(YarnConfiguration.NM_VCORES, 2);
    yarnConf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
    yarnConf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    // containers start `$JAVA_HOME/bin/java`: a NodeManager's administrator sets JAVA_HOME for them
    yarnConf.set(YarnConfiguration.NM_ADMIN_USER_ENV, "JAVA_HOME=" + System.getProperty("java.home"));
    // the NodeManager's directories (containers' work and logs) go under test.build.data
    System.setProperty("test.build.data", dir.resolve("yarn").toString());
    yarn = new MiniYARNCluster("spark-dmf", 1, 1, 1);
    yarn.init(yarnConf);
    yarn.start();
    Configuration running = yarn.getConfig();
    // start() can return before the ResourceManager has written its port into the configuration
    ClusterTests.waitFor(Duration.ofSeconds(30),
        () -> !running.get(YarnConfiguration.RM_ADDRESS).endsWith(":0"), "the ResourceManager's address");

    confDir = Files.createDirectories(dir.resolve("hadoop-conf"));
    try (OutputStream out = Files.newOutputStream(confDir.resolve("yarn-site.xml"))) {
      running.writeXml(out);
    }
    Configuration core = new Configuration(false);
    core.set(FileSystem.FS_DEFAULT_NAME_KEY, defaultFs);
    try (OutputStream out = Files.newOutputStream(confDir.resolve("core-site.xml"))) {
      core.writeXml(out);
    }
    yarnDir = dir.resolve("yarn");
  }

  /** The client's Hadoop configuration directory ({@code HADOOP_CONF_DIR}). */
  Path confDir() {
    return confDir;
  }

  FileSystem fileSystem() throws IOException {
    return hdfs.getFileSystem();
  }

  /** The end of every container's stderr (a failed application's driver log is among them). */
  String containerErrors() throws IOException {
    StringBuilder text = new StringBuilder();
    // into the log directories only: the NodeManager deletes containers' work directories as they end
    List<Path> logDirs;
    try (Stream<Path> dirs = Files.find(yarnDir, 3, (path, attributes) -> attributes.isDirectory()
        && path.getFileName().toString().contains("-logDir-"))) {
      logDirs = dirs.toList();
    }
    for (Path logDir : logDirs) {
      try (Stream<Path> files = Files.find(logDir, 3, (path, attributes) -> path.endsWith("stderr"))) {
        for (Path stderr : files.sorted().toList()) {
          String log = Files.readString(stderr);
          text.append("\n--- ").append(stderr.getParent().getFileName()).append(" stderr ---\n")
              .append(log, Math.max(0, log.length() - 4000), log.length());
        }
      }
    }
    return text.toString();
  }

  @Override
  public void close() {
    yarn.stop();
    hdfs.shutdown();
  }
}
