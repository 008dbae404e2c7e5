package io.sparkdmf.light.io;

import com.madgag.gif.fmsware.AnimatedGifEncoder;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.light.scene.FrameShape;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import javax.imageio.ImageIO;

/** Matrices and video frames as grey images, panels side by side with captions, PNG and animated GIF. */
public final class MatrixImages {
  private static final int CAPTION = 14;

  private MatrixImages() {}

  /** A matrix as an image (row i at the top), grey from its minimum (black) to its maximum (white). */
  public static BufferedImage of(Matrix m, int zoom) {
    double[] range = range(m.data());
    BufferedImage image = new BufferedImage(m.cols() * zoom, m.rows() * zoom, BufferedImage.TYPE_BYTE_GRAY);
    for (int i = 0; i < m.rows(); i++) {
      for (int j = 0; j < m.cols(); j++) {
        fill(image, j * zoom, i * zoom, zoom, level(m.get(i, j), range));
      }
    }
    return image;
  }

  /** Frame {@code f} (column f of a pixels x frames matrix) on its grid, in the grey range given. */
  public static BufferedImage frame(Matrix video, int f, FrameShape shape, double[] range, int zoom) {
    BufferedImage image = new BufferedImage(shape.width() * zoom, shape.height() * zoom,
        BufferedImage.TYPE_BYTE_GRAY);
    for (int r = 0; r < shape.height(); r++) {
      for (int c = 0; c < shape.width(); c++) {
        fill(image, c * zoom, r * zoom, zoom, level(video.get(r * shape.width() + c, f), range));
      }
    }
    return image;
  }

  /** {minimum, maximum} of the values, for a grey range shared by all frames of a video. */
  public static double[] range(double[] values) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return new double[] {lo, hi};
  }

  /** Images in a row, each with its caption above it, on a white background. */
  public static BufferedImage row(List<BufferedImage> panels, List<String> captions) {
    int gap = 6;
    int width = gap;
    int height = 0;
    for (BufferedImage panel : panels) {
      width += panel.getWidth() + gap;
      height = Math.max(height, panel.getHeight());
    }
    BufferedImage out = new BufferedImage(width, height + CAPTION + 2 * gap, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, CAPTION - 3));
    int x = gap;
    for (int k = 0; k < panels.size(); k++) {
      g.drawString(captions.get(k), x, gap + CAPTION - 3);
      g.drawImage(panels.get(k), x, gap + CAPTION, null);
      x += panels.get(k).getWidth() + gap;
    }
    g.dispose();
    return out;
  }

  /** Rows stacked top to bottom, left-aligned. */
  public static BufferedImage column(List<BufferedImage> rows) {
    int width = rows.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
    int height = rows.stream().mapToInt(BufferedImage::getHeight).sum();
    BufferedImage out = new BufferedImage(width, Math.max(1, height), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, out.getHeight());
    int y = 0;
    for (BufferedImage row : rows) {
      g.drawImage(row, 0, y, null);
      y += row.getHeight();
    }
    g.dispose();
    return out;
  }

  public static void writePng(BufferedImage image, OutputStream out) throws IOException {
    if (!ImageIO.write(image, "png", out)) {
      throw new IOException("no PNG writer in this Java");
    }
  }

  /** An animated GIF looping forever, {@code delayMillis} per frame (animated-gif-lib). */
  public static void writeGif(List<BufferedImage> frames, int delayMillis, OutputStream out) throws IOException {
    AnimatedGifEncoder encoder = new AnimatedGifEncoder();
    encoder.start(out);
    encoder.setRepeat(0);
    encoder.setDelay(delayMillis);
    for (BufferedImage frame : frames) {
      encoder.addFrame(frame);
    }
    if (!encoder.finish()) {
      throw new IOException("the GIF encoder failed");
    }
  }

  private static int level(double value, double[] range) {
    double span = range[1] - range[0];
    double t = span > 0 ? (value - range[0]) / span : 0.5;
    return (int) Math.round(255 * Math.max(0, Math.min(1, t)));
  }

  private static void fill(BufferedImage image, int x, int y, int zoom, int grey) {
    int rgb = (grey << 16) | (grey << 8) | grey;
    for (int dy = 0; dy < zoom; dy++) {
      for (int dx = 0; dx < zoom; dx++) {
        image.setRGB(x + dx, y + dy, rgb);
      }
    }
  }
}
