package io.sparkdmf.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An output directory that appears all at once or not at all. Files are written into a hidden
 * staging directory beside the target and renamed onto it by {@link #commit()}; closing without a
 * commit deletes the staging directory, so a failed run leaves nothing that looks like a result.
 * Works on any Hadoop file system (local, hdfs://, s3a://; on object stores the final rename is a copy).
 */
public final class AtomicOutputDirectory implements AutoCloseable {
  private final FileSystem fs;
  private final Path target;
  private final Path staging;
  private final boolean overwrite;
  private boolean committed;

  private AtomicOutputDirectory(FileSystem fs, Path target, Path staging, boolean overwrite) {
    this.fs = fs;
    this.target = target;
    this.staging = staging;
    this.overwrite = overwrite;
  }

  /**
   * Checks the target up front, so that a long run does not end on a name clash, and creates the
   * staging directory.
   */
  public static AtomicOutputDirectory create(String target, boolean overwrite, Configuration conf) {
    try {
      Path targetPath = new Path(target);
      FileSystem fs = targetPath.getFileSystem(conf);
      targetPath = fs.makeQualified(targetPath);
      fs.setWriteChecksum(false); // no .crc side files beside the results on local disks
      if (fs.exists(targetPath) && !overwrite) {
        throw new InputException(target,
            "the output directory already exists; choose another --out or pass --overwrite");
      }
      Path staging = new Path(targetPath.getParent(),
          "." + targetPath.getName() + ".staging-" + UUID.randomUUID());
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
    if (!committed) {
      fs.delete(staging, true);
    }
  }
}
