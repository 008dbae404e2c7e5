package io.sparkdmf.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdmf.data.AtomicOutputDirectory;
import io.sparkdmf.data.CompletionProblem;
import io.sparkdmf.data.SyntheticCompletion;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs on a real HDFS (a NameNode and a DataNode in this JVM, on 127.0.0.1): entries read from
 * {@code hdfs://}, the output and the checkpoints written there, a killed run resumed from its HDFS
 * checkpoint to the factors of an uninterrupted run, and the atomic output directory's rename on HDFS.
 */
class HdfsTest {
  private static final String SMALL = "n=30,rank=2,observed=300,test=100,seed=2";
  private static MiniDFSCluster cluster;
  private static FileSystem hdfs;
  private static String root;

  @BeforeAll
  static void startHdfs(@TempDir Path storage) throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, storage.toString());
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    cluster.waitActive();
    hdfs = cluster.getFileSystem();
    root = hdfs.getUri() + "/dmf";
  }

  @AfterAll
  static void stopHdfs() {
    if (cluster != null) {
      cluster.shutdown();
    }
  }

  @Test
  void entriesOutputAndCheckpointsLiveOnHdfsAndAKilledRunResumesFromThem() throws IOException {
    String root = HdfsTest.root + "/jobs";
    CompletionProblem problem = SyntheticCompletion.parse(SMALL).generate();
    HadoopText.write(hdfs, root + "/input/train.tsv", CompleteJobTest.lines(problem.train(), "\t"));
    HadoopText.write(hdfs, root + "/input/test.tsv", CompleteJobTest.lines(problem.test(), "\t"));
    String checkpoints = root + "/checkpoints";
    String[] common = {"complete", "--input", root + "/input/train.tsv", "--test", root + "/input/test.tsv",
        "--one-based", "--rows", "30", "--cols", "30", "--engine", "spark", "--parallelism", "2", "--optimizer", "adam",
        "--lr", "1e-2", "--checkpoint-every", "10", "--singular-values", "0"};
    assertEquals(0, Main.run(Args.concat(common, "--max-steps", "40", "--out", root + "/whole")));
    // a run that stopped at step 25, as if killed: its checkpoints of steps 10 and 20 remain on HDFS
    assertEquals(0, Main.run(Args.concat(common, "--max-steps", "25", "--checkpoint-dir", checkpoints,
        "--out", root + "/first")));
    assertEquals(0, Main.run(Args.concat(common, "--max-steps", "40", "--checkpoint-dir", checkpoints, "--resume",
        "--out", root + "/resumed")));
    assertEquals(20, new ObjectMapper().readTree(HadoopText.read(hdfs, root + "/resumed/metrics.json"))
        .get("resumed_from_step")
        .asInt());
    for (int k = 1; k <= 3; k++) {
      String factor = "/factors/W" + k + ".mtx";
      assertEquals(HadoopText.read(hdfs, root + "/whole" + factor), HadoopText.read(hdfs, root + "/resumed" + factor),
          factor);
    }
    assertTrue(HadoopText.read(hdfs, root + "/whole/run.json").contains(root + "/input/train.tsv"),
        "run.json names the input");
    FileStatus[] left = hdfs.listStatus(new org.apache.hadoop.fs.Path(root));
    assertEquals("[checkpoints, first, input, resumed, whole]",
        Arrays.toString(Arrays.stream(left).map(s -> s.getPath().getName()).sorted().toArray()),
        "no staging directory is left beside the outputs");
  }

  @Test
  void anOutputDirectoryAppearsOnHdfsOnlyWhenCommitted() throws IOException {
    Configuration conf = hdfs.getConf();
    org.apache.hadoop.fs.Path parent = new org.apache.hadoop.fs.Path(root + "/atomic-test");
    hdfs.mkdirs(parent);
    String target = parent + "/out";
    try (AtomicOutputDirectory out = AtomicOutputDirectory.create(target, false, conf)) {
      try (Writer writer = out.newFile("part.txt")) {
        writer.write("half");
      }
      assertFalse(hdfs.exists(new org.apache.hadoop.fs.Path(target)), "nothing at the target before the commit");
    } // closed without a commit: the staging directory goes too
    assertEquals(0, hdfs.listStatus(parent).length, "an uncommitted output leaves nothing");
    try (AtomicOutputDirectory out = AtomicOutputDirectory.create(target, false, conf)) {
      try (Writer writer = out.newFile("part.txt")) {
        writer.write("whole");
      }
      out.commit();
    }
    assertEquals("whole", HadoopText.read(hdfs, target + "/part.txt"));
    assertEquals(1, hdfs.listStatus(parent).length, "only the committed directory");
  }
}
