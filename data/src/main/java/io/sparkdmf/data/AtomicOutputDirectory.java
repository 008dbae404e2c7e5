package io.sparkdmf.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongPredicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An output directory that appears all at once or not at all. Files are written into a hidden
 * staging directory beside the target and renamed onto it by {@link #commit()}; closing without a
 * commit deletes the staging directory, so a failed run leaves nothing that looks like a result.
 * Works on any Hadoop file system (local, hdfs://, s3a://; on object stores the final rename is a copy).
 *
 * <p>A run stopped by a signal deletes its staging directory on the way out; one killed outright
 * (SIGKILL, a lost machine) cannot, so the staging name records the host and process, and the next
 * run writing beside it removes every staging directory of the same target whose process on this
 * host is gone. A driver in a YARN container also records its application attempt, and a later
 * attempt of the same application removes the earlier attempts' staging directories, on whichever
 * host they ran.
 */
public final class AtomicOutputDirectory implements AutoCloseable {
  private static final String HOST = hostName();

  private final FileSystem fs;
  private final Path target;
  private final Path staging;
  private final boolean overwrite;
  private final Thread cleanupOnExit;
  private boolean committed;

  private AtomicOutputDirectory(FileSystem fs, Path target, Path staging, boolean overwrite) {
    this.fs = fs;
    this.target = target;
    this.staging = staging;
    this.overwrite = overwrite;
    this.cleanupOnExit = new Thread(this::deleteStaging, "dmf-output-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanupOnExit);
  }

  /** Refuses an existing target unless {@code overwrite}: checked before a job starts its work. */
  public static void refuseExisting(String target, boolean overwrite, Configuration conf) {
    if (overwrite) {
      return;
    }
    try {
      Path targetPath = new Path(target);
      refuseExisting(targetPath.getFileSystem(conf), targetPath, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check the output directory " + target, e);
    }
  }

  private static void refuseExisting(FileSystem fs, Path targetPath, String target) throws IOException {
    if (fs.exists(targetPath)) {
      throw new InputException(target, "the output directory already exists; choose another --out or pass --overwrite");
    }
  }

  /**
   * Checks the target up front, so that a long run does not end on a name clash, and creates the
   * staging directory.
   */
  public static AtomicOutputDirectory create(String target, boolean overwrite, Configuration conf) {
    return create(target, overwrite, conf, YarnAttempt.current());
  }

  static AtomicOutputDirectory create(String target, boolean overwrite, Configuration conf,
      Optional<YarnAttempt> yarnAttempt) {
    try {
      Path targetPath = new Path(target);
      FileSystem fs = targetPath.getFileSystem(conf);
      targetPath = fs.makeQualified(targetPath);
      fs.setWriteChecksum(false); // no .crc side files beside the results on local disks
      if (!overwrite) {
        refuseExisting(fs, targetPath, target);
      }
      if (fs.exists(targetPath.getParent())) {
        removeAbandonedStaging(fs, targetPath);
        if (yarnAttempt.isPresent()) {
          removeEarlierAttempts(fs, targetPath, yarnAttempt.get());
        }
      }
      String owner = yarnAttempt.map(a -> yarnPrefix(a.application()) + a.attempt() + "-").orElse("") + HOST;
      Path staging = new Path(targetPath.getParent(), stagingPrefix(targetPath) + owner + "-"
          + ProcessHandle.current().pid() + "-" + UUID.randomUUID());
      if (!fs.mkdirs(staging)) {
        throw new IOException("could not create " + staging);
      }
      return new AtomicOutputDirectory(fs, targetPath, staging, overwrite);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the output directory " + target, e);
    }
  }

  /** A new UTF-8 text file at {@code relativePath} inside the staging directory. */
  public Writer newFile(String relativePath) throws IOException {
    return new BufferedWriter(new OutputStreamWriter(newStream(relativePath), StandardCharsets.UTF_8));
  }

  /** A new binary file (a figure) at {@code relativePath} inside the staging directory. */
  public OutputStream newStream(String relativePath) throws IOException {
    return fs.create(new Path(staging, relativePath), false);
  }

  /**
   * The qualified path of {@code relativePath} inside the staging directory, for writers that create
   * their own files there (Spark's DataFrame writer writes a directory of part files).
   */
  public String path(String relativePath) {
    return new Path(staging, relativePath).toString();
  }

  public Path target() {
    return target;
  }

  /** Moves the finished output into place, replacing an old one only if overwrite was asked for. */
  public void commit() throws IOException {
    if (fs.exists(target)) {
      if (!overwrite) {
        throw new IOException(target + " appeared while the job ran; the result is left in " + staging);
      }
      fs.delete(target, true);
    }
    if (!fs.rename(staging, target)) {
      throw new IOException("could not move " + staging + " to " + target);
    }
    committed = true;
  }

  @Override
  public void close() throws IOException {
    try {
      Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
    } catch (IllegalStateException e) {
      return; // the JVM is exiting: the hook deletes the staging directory
    }
    if (!committed) {
      fs.delete(staging, true);
    }
  }

  private void deleteStaging() {
    try {
      if (!committed) {
        fs.delete(staging, true);
      }
    } catch (IOException e) {
      System.err.println("could not delete " + staging + ": " + e.getMessage());
    }
  }

  private static String stagingPrefix(Path target) {
    return "." + target.getName() + ".staging-";
  }

  /** Deletes the staging directories of {@code target} left by processes of this host that no longer run. */
  private static void removeAbandonedStaging(FileSystem fs, Path target) throws IOException {
    removeStaging(fs, target, stagingPrefix(target) + HOST + "-",
        pid -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
  }

  private static String yarnPrefix(String application) {
    return "yarn_" + application + "_";
  }

  /** Deletes the staging directories of {@code target} left by earlier attempts of this YARN application. */
  private static void removeEarlierAttempts(FileSystem fs, Path target, YarnAttempt current) throws IOException {
    removeStaging(fs, target, stagingPrefix(target) + yarnPrefix(current.application()),
        attempt -> attempt < current.attempt());
  }

  /**
   * Deletes the staging directories of {@code target} named {@code prefix}, a number, and a dash or
   * nothing, where {@code abandoned} holds for the number (a process id or an attempt).
   */
  private static void removeStaging(FileSystem fs, Path target, String prefix, LongPredicate abandoned)
      throws IOException {
    for (FileStatus status : fs.listStatus(target.getParent(), p -> p.getName().startsWith(prefix))) {
      String rest = status.getPath().getName().substring(prefix.length());
      int dash = rest.indexOf('-');
      try {
        if (abandoned.test(Long.parseLong(dash < 0 ? rest : rest.substring(0, dash)))) {
          fs.delete(status.getPath(), true);
        }
      } catch (NumberFormatException e) {
        // not a name this class wrote
      }
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName().replace('-', '_');
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
