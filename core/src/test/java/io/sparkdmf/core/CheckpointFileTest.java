package io.sparkdmf.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.checkpoint.CheckpointException;
import io.sparkdmf.core.checkpoint.StateFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A checkpoint's state file is read back exactly, and any truncation or flipped byte is reported. */
class CheckpointFileTest {

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
}
