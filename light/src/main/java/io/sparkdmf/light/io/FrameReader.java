package io.sparkdmf.light.io;

import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.data.InputException;
import io.sparkdmf.light.scene.FrameShape;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads a video as a folder of frames (PNG or PGM, in file-name order, on any Hadoop file system) into
 * the observed matrix Z: one row per pixel (row by row), one column per frame, values the grey level
 * in [0, 1] (colour frames by their luminance). Frames of mixed sizes and files that are not images are
 * refused, naming the file.
 */
public final class FrameReader {
  private FrameReader() {}

  /** The frames' pixel grid and Z. */
  public record Video(FrameShape shape, Matrix observed, List<String> files) {}

  public static Video read(String directory, Configuration conf) throws IOException {
    Path dir = new Path(directory);
    FileSystem fs = dir.getFileSystem(conf);
    if (!fs.exists(dir) || !fs.getFileStatus(dir).isDirectory()) {
      throw new InputException(directory, "not a folder of frames");
    }
    FileStatus[] listed = fs.listStatus(dir, path -> isFrame(path.getName()));
    Arrays.sort(listed, Comparator.comparing(status -> status.getPath().getName()));
    if (listed.length == 0) {
      throw new InputException(directory, "holds no .png or .pgm frames");
    }
    List<String> files = new ArrayList<>();
    List<double[]> frames = new ArrayList<>();
    FrameShape shape = null;
    for (FileStatus status : listed) {
      String file = status.getPath().toString();
      BufferedImage image;
      try (InputStream in = fs.open(status.getPath())) {
        image = status.getPath().getName().toLowerCase(Locale.ROOT).endsWith(".pgm") ? Pgm.read(in, file)
            : ImageIO.read(in);
      }
      if (image == null) {
        throw new InputException(file, "cannot be read as an image (not a PNG file)");
      }
      FrameShape frameShape = new FrameShape(image.getHeight(), image.getWidth());
      if (shape == null) {
        shape = frameShape;
      } else if (!shape.equals(frameShape)) {
        throw new InputException(file, "is " + frameShape + " pixels but " + files.get(0) + " is " + shape
            + ": every frame must have the same size");
      }
      files.add(file);
      frames.add(grey(image));
    }
    Matrix observed = Matrix.zeros(shape.pixels(), frames.size());
    for (int f = 0; f < frames.size(); f++) {
      System.arraycopy(frames.get(f), 0, observed.data(), f * shape.pixels(), shape.pixels());
    }
    return new Video(shape, observed, files);
  }

  static boolean isFrame(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".png") || lower.endsWith(".pgm");
  }

  /** Grey levels in [0, 1], row by row: a single band as is, colour by Rec. 709 luminance. */
  static double[] grey(BufferedImage image) {
    int h = image.getHeight();
    int w = image.getWidth();
    double[] out = new double[h * w];
    Raster raster = image.getRaster();
    if (raster.getNumBands() == 1) {
      double max = (1L << image.getColorModel().getComponentSize(0)) - 1;
      for (int r = 0; r < h; r++) {
        for (int c = 0; c < w; c++) {
          out[r * w + c] = raster.getSampleDouble(c, r, 0) / max;
        }
      }
      return out;
    }
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        int rgb = image.getRGB(c, r);
        out[r * w + c] = (0.2126 * ((rgb >> 16) & 0xff) + 0.7152 * ((rgb >> 8) & 0xff) + 0.0722 * (rgb & 0xff)) / 255;
      }
    }
    return out;
  }
}
