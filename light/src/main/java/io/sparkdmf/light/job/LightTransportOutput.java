package io.sparkdmf.light.job;

import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.data.AtomicOutputDirectory;
import io.sparkdmf.data.MatrixMarket;
import io.sparkdmf.light.baseline.Factors;
import io.sparkdmf.light.io.FrameReader;
import io.sparkdmf.light.io.MatrixImages;
import io.sparkdmf.light.scene.FrameShape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The pictures and matrices of a recovered light transport: every hidden frame as a PNG, an animated
 * GIF of the observed and hidden videos side by side, a contact sheet of evenly spaced frames, T as an
 * image, and T and L in MatrixMarket files.
 */
final class LightTransportOutput {
  /** Frames are enlarged to at least this many pixels across, so that a 16 x 16 frame can be seen. */
  private static final int SHOWN_WIDTH = 128;
  private static final int SHEET_FRAMES = 8;
  private static final int GIF_DELAY_MILLIS = 80;

  private final FrameReader.Video video;
  private final FrameShape hiddenShape;
  private final Factors factors;

  LightTransportOutput(FrameReader.Video video, FrameShape hiddenShape, Factors factors) {
    this.video = video;
    this.hiddenShape = hiddenShape;
    this.factors = factors;
  }

  void write(AtomicOutputDirectory out) throws IOException {
    Matrix hidden = factors.hidden();
    double[] hiddenRange = MatrixImages.range(hidden.data());
    double[] observedRange = MatrixImages.range(video.observed().data());
    int hiddenZoom = zoom(hiddenShape);
    int observedZoom = zoom(video.shape());
    List<BufferedImage> gif = new ArrayList<>();
    for (int f = 0; f < hidden.cols(); f++) {
      BufferedImage frame = MatrixImages.frame(hidden, f, hiddenShape, hiddenRange, hiddenZoom);
      png(out, String.format(Locale.ROOT, "hidden/frame-%04d.png", f), frame);
      gif.add(MatrixImages.row(List.of(
          MatrixImages.frame(video.observed(), f, video.shape(), observedRange, observedZoom), frame),
          List.of("observed", "hidden")));
    }
    try (OutputStream stream = out.newStream("hidden.gif")) {
      MatrixImages.writeGif(gif, GIF_DELAY_MILLIS, stream);
    }
    png(out, "contact-sheet.png", contactSheet(hiddenRange, observedRange, hiddenZoom, observedZoom));
    png(out, "transport.png", MatrixImages.of(factors.transport(), 1));
    try (Writer writer = out.newFile("transport.mtx")) {
      MatrixMarket.write(factors.transport(), "light transport T: observed pixels x hidden pixels", writer);
    }
    try (Writer writer = out.newFile("hidden.mtx")) {
      MatrixMarket.write(hidden, "hidden video L: hidden pixels x frames", writer);
    }
  }

  /** Observed frames above the hidden ones, {@value #SHEET_FRAMES} evenly spaced frames. */
  private BufferedImage contactSheet(double[] hiddenRange, double[] observedRange, int hiddenZoom, int observedZoom) {
    int frames = factors.hidden().cols();
    int shown = Math.min(SHEET_FRAMES, frames);
    List<BufferedImage> observed = new ArrayList<>();
    List<BufferedImage> hidden = new ArrayList<>();
    List<String> captions = new ArrayList<>();
    for (int k = 0; k < shown; k++) {
      int f = (int) ((long) k * (frames - 1) / Math.max(1, shown - 1));
      observed.add(MatrixImages.frame(video.observed(), f, video.shape(), observedRange, observedZoom));
      hidden.add(MatrixImages.frame(factors.hidden(), f, hiddenShape, hiddenRange, hiddenZoom));
      captions.add("frame " + f);
    }
    List<String> hiddenCaptions = captions.stream().map(c -> "hidden, " + c).toList();
    return MatrixImages.column(List.of(MatrixImages.row(observed, captions), MatrixImages.row(hidden, hiddenCaptions)));
  }

  private static int zoom(FrameShape shape) {
    return Math.max(1, SHOWN_WIDTH / shape.width());
  }

  private static void png(AtomicOutputDirectory out, String name, BufferedImage image) throws IOException {
    try (OutputStream stream = out.newStream(name)) {
      MatrixImages.writePng(image, stream);
    }
  }
}
