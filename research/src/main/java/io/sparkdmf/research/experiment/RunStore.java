package io.sparkdmf.research.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdmf.core.checkpoint.CheckpointStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * Finished runs, one JSON file each under {@code runs/}, written to a temporary file and renamed
 * into place, so an interrupted sweep keeps every run that finished and never a half-written one;
 * on restart those runs are read back instead of redone. Runs under way keep checkpoints under
 * {@code checkpoints/<run>/}, deleted once the run is saved, so an interrupted run goes on from its
 * newest one.
 */
final class RunStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;
  private final Path checkpoints;

  RunStore(Path experimentDirectory) {
    this.directory = experimentDirectory.resolve("runs");
    this.checkpoints = experimentDirectory.resolve("checkpoints");
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + directory, e);
    }
  }

  Optional<RunResult> load(RunSpec spec) {
    Path file = directory.resolve(spec.id() + ".json");
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), RunResult.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the finished run " + file
          + "; delete it to redo the run", e);
    }
  }

  /** Every finished run in the directory, from this plan or an earlier one. */
  List<RunResult> loadAll() {
    try (Stream<Path> files = Files.list(directory)) {
      List<RunResult> all = new ArrayList<>();
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
        all.add(JSON.readValue(file.toFile(), RunResult.class));
      }
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the finished runs in " + directory, e);
    }
  }

  void save(RunResult result) {
    Path file = directory.resolve(result.spec().id() + ".json");
    Path temporary = directory.resolve("." + result.spec().id() + ".json.tmp");
    try {
      JSON.writeValue(temporary.toFile(), result);
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the run " + result.spec().id(), e);
    }
    deleteCheckpoints(result.spec());
  }

  /** The checkpoints of a run under way (empty when it has not begun). */
  CheckpointStore checkpoints(RunSpec spec) {
    return new CheckpointStore(checkpoints.resolve(spec.id()).toString(), new Configuration());
  }

  private void deleteCheckpoints(RunSpec spec) {
    Path runCheckpoints = checkpoints.resolve(spec.id());
    try {
      if (Files.exists(runCheckpoints)) {
        try (Stream<Path> files = Files.walk(runCheckpoints)) {
          for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
      // the last finished run takes the emptied checkpoints directory with it
      Files.deleteIfExists(checkpoints);
    } catch (DirectoryNotEmptyException stillInUse) {
      // other runs are under way: the last of them deletes it
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the checkpoints of the finished run " + spec.id(), e);
    }
  }
}
