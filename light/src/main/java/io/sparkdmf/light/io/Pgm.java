package io.sparkdmf.light.io;

import io.sparkdmf.data.InputException;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Netpbm grey maps (PGM, plain "P2" and raw "P5", 8 or 16 bits), which Java's image I/O does not read
 * and whose reader plug-ins are not on Maven Central for this Java.
 */
final class Pgm {
  private Pgm() {}

  static BufferedImage read(InputStream raw, String file) throws IOException {
    InputStream in = new BufferedInputStream(raw);
    String magic = token(in, file);
    if (!magic.equals("P2") && !magic.equals("P5")) {
      throw new InputException(file, "is not a PGM image (starts with '" + magic + "', not P2 or P5)");
    }
    int width = number(in, file, "width");
    int height = number(in, file, "height");
    int max = number(in, file, "maximum grey level");
    if (width < 1 || height < 1 || max < 1 || max > 65535) {
      throw new InputException(file, "has an invalid PGM header: " + width + "x" + height + ", maximum " + max);
    }
    BufferedImage image = new BufferedImage(width, height,
        max > 255 ? BufferedImage.TYPE_USHORT_GRAY : BufferedImage.TYPE_BYTE_GRAY);
    int scaleTo = max > 255 ? 65535 : 255;
    for (int r = 0; r < height; r++) {
      for (int c = 0; c < width; c++) {
        int value = magic.equals("P2") ? number(in, file, "grey level") : binary(in, file, max > 255);
        if (value > max) {
          throw new InputException(file, "has a grey level " + value + " above its maximum " + max);
        }
        image.getRaster().setSample(c, r, 0, (int) Math.round((double) value * scaleTo / max));
      }
    }
    return image;
  }

  private static int binary(InputStream in, String file, boolean twoBytes) throws IOException {
    int high = in.read();
    int low = twoBytes ? in.read() : 0;
    if (high < 0 || low < 0) {
      throw new InputException(file, "ends before its last pixel");
    }
    return twoBytes ? (high << 8) | low : high;
  }

  private static int number(InputStream in, String file, String what) throws IOException {
    String token = token(in, file);
    try {
      return Integer.parseInt(token);
    } catch (NumberFormatException e) {
      throw new InputException(file, "has '" + token + "' where the PGM " + what + " should be");
    }
  }

  /** The next whitespace-separated token, skipping '#' comments; the single whitespace after it is consumed. */
  private static String token(InputStream in, String file) throws IOException {
    StringBuilder token = new StringBuilder();
    int ch;
    while ((ch = in.read()) >= 0) {
      if (ch == '#' && token.length() == 0) {
        while (ch >= 0 && ch != '\n') {
          ch = in.read();
        }
      } else if (Character.isWhitespace(ch)) {
        if (token.length() > 0) {
          return token.toString();
        }
      } else {
        token.append((char) ch);
      }
    }
    if (token.length() == 0) {
      throw new InputException(file, "ends inside its PGM header or pixels");
    }
    return token.toString();
  }
}
