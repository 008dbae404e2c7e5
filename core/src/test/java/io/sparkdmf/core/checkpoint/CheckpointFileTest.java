package io.sparkdmf.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.linalg.Blas;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint's state file is read back exactly, any truncation or flipped byte is reported, and a
 * checkpoint says which BLAS wrote it.
 */
class CheckpointFileTest {
  @TempDir Path dir;

  private static byte[] written() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new StateFile().put("W2", new double[] {1.5, -2.25, 1e-300}).put("step", new double[] {42}).write(out);
    return out.toByteArray();
  }

  @Test
  void roundTripIsExact() throws IOException {
    StateFile read = StateFile.read(new ByteArrayInputStream(written()), "state");
    assertArrayEquals(new double[] {1.5, -2.25, 1e-300}, read.get("W2"), 0.0);
    assertArrayEquals(new double[] {42}, read.get("step"), 0.0);
  }

  @Test
  void everyTruncationIsReported() throws IOException {
    byte[] bytes = written();
    for (int length = 0; length < bytes.length; length++) {
      byte[] cut = Arrays.copyOf(bytes, length);
      CheckpointException e = assertThrows(CheckpointException.class,
          () -> StateFile.read(new ByteArrayInputStream(cut), "ck/step-000000025/state"), "length " + length);
      assertTrue(e.getMessage().contains("ck/step-000000025/state"), e.getMessage());
    }
  }

  @Test
  void everyFlippedByteIsReported() throws IOException {
    byte[] bytes = written();
    for (int at = 0; at < bytes.length; at++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] corrupted = bytes.clone();
        corrupted[at] ^= (byte) (1 << bit);
        assertThrows(CheckpointException.class,
            () -> StateFile.read(new ByteArrayInputStream(corrupted), "state"), "byte " + at + " bit " + bit);
      }
    }
  }

  @Test
  void aCheckpointRecordsTheBlasItWasWrittenWith() throws IOException {
    CheckpointStore store = new CheckpointStore(dir.toString(), new Configuration());
    store.write(7, directory -> {
      try (var out = directory.file("driver.state")) {
        new StateFile().put("step", new double[] {7}).write(out);
      }
    });
    assertEquals(Optional.of(Blas.implementation()), store.writtenWith(7));
    // a checkpoint from another BLAS is still read (a warning says the last bits will differ)
    org.apache.hadoop.fs.Path recorded = new org.apache.hadoop.fs.Path(store.path(7, "blas.txt"));
    try (var out = recorded.getFileSystem(new Configuration()).create(recorded, true)) {
      out.write("another BLAS".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(Optional.of("another BLAS"), store.writtenWith(7));
    assertArrayEquals(new double[] {7}, store.readState(7, "driver.state").get("step"), 0.0);
  }
}
