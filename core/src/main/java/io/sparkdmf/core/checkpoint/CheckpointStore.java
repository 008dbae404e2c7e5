package io.sparkdmf.core.checkpoint;

import io.sparkdmf.core.linalg.Blas;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of checkpoints on any Hadoop file system, one subdirectory {@code step-NNNNNNNNN} per
 * checkpoint. Each is written under a temporary name and renamed when complete, so a run killed
 * while writing leaves no checkpoint that looks finished; the newest {@value #KEPT} are kept.
 */
public final class CheckpointStore {
  static final int KEPT = 2;
  /** The file in each checkpoint that names the BLAS it was written with. */
  static final String BLAS_FILE = "blas.txt";
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
  private static final Pattern STEP = Pattern.compile("step-(\\d{9})");

  private final FileSystem fs;
  private final Path root;

  /** Writes the files of one checkpoint into a directory it is given. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Directory directory) throws IOException;
  }

  /** The directory a checkpoint is being written into. */
  public final class Directory {
    private final Path path;

    private Directory(Path path) {
      this.path = path;
    }

    public OutputStream file(String name) throws IOException {
      return fs.create(new Path(path, name), false);
    }

    /** Where a Spark job may write a (sub)directory of part files. */
    public String path(String name) {
      return new Path(path, name).toString();
    }
  }

  public CheckpointStore(String directory, Configuration conf) {
    try {
      Path path = new Path(directory);
      this.fs = path.getFileSystem(conf);
      this.root = fs.makeQualified(path);
      fs.mkdirs(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the checkpoint directory " + directory, e);
    }
  }

  public void write(int step, Content content) {
    Path target = stepPath(step);
    Path temporary = new Path(root, "_writing-" + target.getName() + "-" + UUID.randomUUID());
    try {
      fs.mkdirs(temporary);
      content.writeTo(new Directory(temporary));
      try (OutputStream out = fs.create(new Path(temporary, BLAS_FILE), false)) {
        out.write(Blas.implementation().getBytes(StandardCharsets.UTF_8));
      }
      if (fs.exists(target)) {
        fs.delete(target, true);
      }
      if (!fs.rename(temporary, target)) {
        throw new IOException("could not rename " + temporary + " to " + target);
      }
      prune();
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw new UncheckedIOException("cannot write checkpoint " + target, e);
    } catch (RuntimeException e) {
      deleteQuietly(temporary);
      throw e;
    }
  }

  /** The newest complete checkpoint, if any. */
  public OptionalInt latestStep() {
    List<Integer> steps = steps();
    return steps.isEmpty() ? OptionalInt.empty() : OptionalInt.of(steps.get(steps.size() - 1));
  }

  /** Deletes every checkpoint (for a run that starts afresh in a used directory). */
  public void clear() {
    for (int step : steps()) {
      try {
        fs.delete(stepPath(step), true);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete an old checkpoint in " + root, e);
      }
    }
  }

  public String location() {
    return root.toString();
  }

  private InputStream open(int step, String name) {
    Path file = new Path(stepPath(step), name);
    try {
      return fs.open(file);
    } catch (IOException e) {
      throw new CheckpointException("checkpoint file " + file + " is missing or unreadable: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a {@link StateFile} of checkpoint {@code step}, and warns when the checkpoint was written
   * with another BLAS than this process uses: the run goes on correctly, but its factors then differ
   * in the last bits from those of an uninterrupted run.
   */
  public StateFile readState(int step, String name) {
    warnIfAnotherBlas(step);
    try (InputStream in = open(step, name)) {
      return StateFile.read(in, new Path(stepPath(step), name).toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The BLAS a checkpoint was written with (as {@link Blas#implementation()} said), if it says. */
  public Optional<String> writtenWith(int step) {
    Path file = new Path(stepPath(step), BLAS_FILE);
    try {
      if (!fs.exists(file)) {
        return Optional.empty();
      }
      try (InputStream in = fs.open(file)) {
        return Optional.of(new String(in.readNBytes(4096), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private void warnIfAnotherBlas(int step) {
    String current = Blas.implementation();
    writtenWith(step).filter(written -> !written.equals(current)).ifPresent(written -> LOG.warn(
        "checkpoint {} was written with BLAS {}; this run uses {}. Training goes on correctly, but the"
            + " factors will differ in the last bits from those of an uninterrupted run", stepPath(step), written,
        current));
  }

  /** The full path of a file or directory of checkpoint {@code step}. */
  public String path(int step, String name) {
    return new Path(stepPath(step), name).toString();
  }

  private Path stepPath(int step) {
    return new Path(root, String.format(Locale.ROOT, "step-%09d", step));
  }

  private List<Integer> steps() {
    List<Integer> steps = new ArrayList<>();
    try {
      for (FileStatus status : fs.listStatus(root)) {
        Matcher m = STEP.matcher(status.getPath().getName());
        if (status.isDirectory() && m.matches()) {
          steps.add(Integer.parseInt(m.group(1)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the checkpoint directory " + root, e);
    }
    steps.sort(null);
    return steps;
  }

  private void prune() throws IOException {
    List<Integer> steps = steps();
    for (int i = 0; i < steps.size() - KEPT; i++) {
      fs.delete(stepPath(steps.get(i)), true);
    }
  }

  private void deleteQuietly(Path path) {
    try {
      fs.delete(path, true);
    } catch (IOException ignored) {
      // best effort: the temporary name never looks like a finished checkpoint
    }
  }
}
