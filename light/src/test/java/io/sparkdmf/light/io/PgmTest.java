package io.sparkdmf.light.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.data.InputException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PgmTest {

  @Test
  void readsPlainAndRawGreyMaps() throws Exception {
    String plain = "P2\n# a comment\n3 2\n4\n0 1 2\n3 4 0\n";
    double[] grey = FrameReader.grey(Pgm.read(new ByteArrayInputStream(plain.getBytes(StandardCharsets.US_ASCII)),
        "plain.pgm"));
    assertEquals(0.25, grey[1], 0.5 / 255); // 1 of 4, held as the nearest of 256 grey levels
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    raw.write("P5 2 1 255\n".getBytes(StandardCharsets.US_ASCII));
    raw.write(new byte[] {0, (byte) 255});
    BufferedImage image = Pgm.read(new ByteArrayInputStream(raw.toByteArray()), "raw.pgm");
    double[] rawGrey = FrameReader.grey(image);
    assertEquals(0, rawGrey[0]);
    assertEquals(1, rawGrey[1], 1e-12);
  }

  @Test
  void refusesWhatIsNotAGreyMapNamingTheFile() {
    InputException e = assertThrows(InputException.class,
        () -> Pgm.read(new ByteArrayInputStream("P6 1 1 255\n".getBytes(StandardCharsets.US_ASCII)), "colour.pgm"));
    assertTrue(e.getMessage().contains("colour.pgm") && e.getMessage().contains("P6"), e.getMessage());
    InputException cut = assertThrows(InputException.class,
        () -> Pgm.read(new ByteArrayInputStream("P5 2 2 255\n\u0001".getBytes(StandardCharsets.ISO_8859_1)), "cut.pgm"));
    assertTrue(cut.getMessage().contains("cut.pgm"), cut.getMessage());
  }
}
