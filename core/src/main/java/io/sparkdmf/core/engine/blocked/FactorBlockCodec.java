package io.sparkdmf.core.engine.blocked;

import io.sparkdmf.core.checkpoint.CheckpointException;
import io.sparkdmf.core.linalg.Matrix;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The checkpoint encoding of a {@link FactorBlock}: counts, ids, vectors and slots as raw
 * big-endian numbers followed by a CRC-32. Decoding checks the declared sizes against the bytes
 * present before allocating, and the checksum, so damage is reported instead of trained on.
 */
final class FactorBlockCodec {
  private static final int MAGIC = 0x444d4642; // "DMFB"

  private FactorBlockCodec() {}

  static byte[] encode(FactorBlock block) {
    int count = block.ids().length;
    int width = block.width();
    int slots = block.slots().length;
    long values = (long) width * count;
    ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(
        4 * Integer.BYTES + (long) count * Integer.BYTES + (1 + slots) * values * Double.BYTES + Long.BYTES));
    buffer.putInt(MAGIC).putInt(count).putInt(width).putInt(slots);
    for (int id : block.ids()) {
      buffer.putInt(id);
    }
    for (double v : block.vectors().data()) {
      buffer.putDouble(v);
    }
    for (double[] slot : block.slots()) {
      for (double v : slot) {
        buffer.putDouble(v);
      }
    }
    CRC32 crc = new CRC32();
    crc.update(buffer.array(), 0, buffer.position());
    buffer.putLong(crc.getValue());
    return buffer.array();
  }

  static FactorBlock decode(byte[] bytes, String source) {
    if (bytes.length < 4 * Integer.BYTES + Long.BYTES) {
      throw new CheckpointException(source + ": a factor block is truncated (" + bytes.length + " bytes)");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - Long.BYTES);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    if (crc.getValue() != buffer.getLong(bytes.length - Long.BYTES)) {
      throw new CheckpointException(source + ": a factor block fails its checksum (corrupted or truncated)");
    }
    if (buffer.getInt() != MAGIC) {
      throw new CheckpointException(source + ": not a spark-dmf factor block");
    }
    int count = buffer.getInt();
    int width = buffer.getInt();
    int slots = buffer.getInt();
    long expected = 4L * Integer.BYTES + (long) count * Integer.BYTES
        + (1L + slots) * width * count * Double.BYTES + Long.BYTES;
    if (count < 0 || width < 0 || slots < 0 || expected != bytes.length) {
      throw new CheckpointException(source + ": a factor block declares " + count + " vectors of width "
          + width + " with " + slots + " slots, which does not match its " + bytes.length + " bytes");
    }
    int[] ids = new int[count];
    for (int k = 0; k < count; k++) {
      ids[k] = buffer.getInt();
    }
    Matrix vectors = new Matrix(width, count, readDoubles(buffer, width * count));
    double[][] slotValues = new double[slots][];
    for (int s = 0; s < slots; s++) {
      slotValues[s] = readDoubles(buffer, width * count);
    }
    return new FactorBlock(ids, vectors, slotValues);
  }

  private static double[] readDoubles(ByteBuffer buffer, int n) {
    double[] values = new double[n];
    buffer.asDoubleBuffer().get(values);
    buffer.position(buffer.position() + n * Double.BYTES);
    return values;
  }
}
