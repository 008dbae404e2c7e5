package io.sparkdmf.core.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Named arrays of doubles in one small binary file with a CRC-32 trailer: the driver's part of a
 * checkpoint (inner factors, optimizer scalars and slots). Every length is checked against the bytes
 * actually present before anything is allocated, so a truncated or corrupted file is reported,
 * never half-used, and a forged size cannot exhaust memory. No Java serialization.
 */
public final class StateFile {
  private static final long MAGIC = 0x444d465354415431L; // "DMFSTAT1"

  private final Map<String, double[]> arrays = new LinkedHashMap<>();

  public StateFile put(String name, double[] values) {
    arrays.put(name, values);
    return this;
  }

  /** The array called {@code name}; fails when absent. */
  public double[] get(String name) {
    double[] values = arrays.get(name);
    if (values == null) {
      throw new CheckpointException("the checkpoint has no entry '" + name + "'");
    }
    return values;
  }

  public boolean has(String name) {
    return arrays.containsKey(name);
  }

  public void write(OutputStream out) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(bytes);
    data.writeLong(MAGIC);
    data.writeInt(arrays.size());
    for (Map.Entry<String, double[]> entry : arrays.entrySet()) {
      data.writeUTF(entry.getKey());
      data.writeInt(entry.getValue().length);
      for (double v : entry.getValue()) {
        data.writeDouble(v);
      }
    }
    data.flush();
    CRC32 crc = new CRC32();
    crc.update(bytes.toByteArray());
    data.writeLong(crc.getValue());
    data.flush();
    bytes.writeTo(out);
  }

  /** Reads and verifies a state file; {@code source} names it in error messages. */
  public static StateFile read(InputStream in, String source) {
    byte[] all;
    try {
      all = in.readAllBytes();
    } catch (IOException e) {
      throw new CheckpointException(source + ": cannot be read: " + e.getMessage(), e);
    }
    if (all.length < Long.BYTES * 2 + Integer.BYTES) {
      throw new CheckpointException(source + ": truncated (" + all.length + " bytes)");
    }
    CRC32 crc = new CRC32();
    crc.update(all, 0, all.length - Long.BYTES);
    if (crc.getValue() != ByteBuffer.wrap(all, all.length - Long.BYTES, Long.BYTES).getLong()) {
      throw new CheckpointException(source + ": checksum mismatch (corrupted or truncated)");
    }
    StateFile state = new StateFile();
    try {
      DataInputStream data = new DataInputStream(
          new java.io.ByteArrayInputStream(all, 0, all.length - Long.BYTES));
      if (data.readLong() != MAGIC) {
        throw new CheckpointException(source + ": not a spark-dmf state file");
      }
      int count = data.readInt();
      for (int a = 0; a < count; a++) {
        String name = data.readUTF();
        int length = data.readInt();
        if (length < 0 || (long) length * Double.BYTES > data.available()) {
          throw new CheckpointException(source + ": entry '" + name + "' declares " + length
              + " values but only " + data.available() + " bytes remain");
        }
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
          values[i] = data.readDouble();
        }
        state.put(name, values);
      }
    } catch (EOFException e) {
      throw new CheckpointException(source + ": ends in the middle of an entry", e);
    } catch (IOException e) {
      throw new CheckpointException(source + ": cannot be read: " + e.getMessage(), e);
    }
    return state;
  }
}
