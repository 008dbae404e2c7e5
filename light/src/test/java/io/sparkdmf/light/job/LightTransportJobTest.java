package io.sparkdmf.light.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.madgag.gif.fmsware.GifDecoder;
import io.sparkdmf.data.InputException;
import io.sparkdmf.jobs.Main;
import io.sparkdmf.light.LightMain;
import io.sparkdmf.light.io.FrameReader;
import io.sparkdmf.light.scene.FrameShape;
import io.sparkdmf.light.scene.LightScene;
import io.sparkdmf.light.scene.PhysicalScene;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LightTransportJobTest {
  private static final int FRAMES = 12;

  @TempDir Path dir;

  /** The observed video of a generated scene as 16-bit grey PNGs. */
  private Path frames(FrameShape wall) throws IOException {
    LightScene scene = PhysicalScene.generate(new FrameShape(4, 4), wall, FRAMES, 3);
    double max = Math.max(1e-9, java.util.Arrays.stream(scene.observed().data()).max().orElse(1));
    Path folder = Files.createDirectories(dir.resolve("frames-" + wall));
    for (int f = 0; f < FRAMES; f++) {
      BufferedImage image = new BufferedImage(wall.width(), wall.height(), BufferedImage.TYPE_USHORT_GRAY);
      for (int p = 0; p < wall.pixels(); p++) {
        double v = Math.max(0, scene.observed().get(p, f)) / max;
        image.getRaster().setSample(p % wall.width(), p / wall.width(), 0, (int) Math.round(65535 * v));
      }
      ImageIO.write(image, "png", folder.resolve(String.format(Locale.ROOT, "f%03d.png", f)).toFile());
    }
    return folder;
  }

  @Test
  void recoversAVideoFromAFolderOfFramesEndToEnd() throws Exception {
    Path out = dir.resolve("out");
    int code = LightMain.run("light-transport", "--frames", frames(new FrameShape(6, 6)).toString(), "--hidden",
        "4x4", "--seeds", "2", "--iterations", "20", "--out", out.toString());
    assertEquals(0, code);
    try (Stream<Path> hidden = Files.list(out.resolve("hidden"))) {
      assertEquals(FRAMES, hidden.filter(p -> p.toString().endsWith(".png")).count());
    }
    GifDecoder gif = new GifDecoder();
    assertEquals(0, gif.read(out.resolve("hidden.gif").toString()));
    assertEquals(FRAMES, gif.getFrameCount());
    for (String file : List.of("contact-sheet.png", "transport.png", "transport.mtx", "hidden.mtx", "history.csv")) {
      assertTrue(Files.size(out.resolve(file)) > 0, file);
    }
    JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    double kept = metrics.get("train_loss").asDouble();
    for (JsonNode start : metrics.get("starts")) {
      assertTrue(kept <= start.get("train_loss").asDouble(), "the start kept has the lowest training loss");
    }
    assertEquals(2, metrics.get("starts").size());
    assertTrue(metrics.get("fit").asDouble() < 1, "fit " + metrics.get("fit"));
  }

  @Test
  void framesOfMixedSizesAreRefusedNamingTheFile() throws Exception {
    Path folder = frames(new FrameShape(6, 6));
    Files.copy(frames(new FrameShape(5, 5)).resolve("f000.png"), folder.resolve("f999.png"));
    assertRefused(folder, "f999.png");
  }

  @Test
  void aFileThatIsNotAnImageIsRefusedNamingIt() throws Exception {
    Path folder = frames(new FrameShape(6, 6));
    Files.writeString(folder.resolve("f005.png"), "not an image");
    assertRefused(folder, "f005.png");
  }

  /** Exit code 2 (bad input), no output, and the reader's message names the file. */
  private void assertRefused(Path folder, String named) throws IOException {
    Path out = dir.resolve("refused");
    int code = LightMain.run("light-transport", "--frames", folder.toString(), "--hidden", "4x4", "--iterations", "5",
        "--out", out.toString());
    assertEquals(Main.EXIT_BAD_INPUT, code);
    try (Stream<Path> left = Files.list(dir)) {
      assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("refused")),
          "a refused job leaves no output");
    }
    InputException e = assertThrows(InputException.class, () -> FrameReader.read(folder.toString(), new Configuration()));
    assertTrue(e.getMessage().contains(named), e.getMessage());
  }
}
