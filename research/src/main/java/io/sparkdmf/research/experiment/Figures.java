package io.sparkdmf.research.experiment;

import io.sparkdmf.data.AtomicOutputDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line charts saved as PNG and SVG with XChart. */
public final class Figures {
  private Figures() {}

  /** One line of a chart. */
  public record Line(String name, double[] x, double[] y, boolean dashed) {}

  public static XYChart chart(String title, String xTitle, String yTitle, boolean logX, boolean logY, List<Line> lines) {
    XYChart chart = new XYChartBuilder().width(720).height(480).title(title)
        .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    chart.getStyler().setXAxisLogarithmic(logX);
    if (!logX) {
      chart.getStyler().setXAxisDecimalPattern("#,##0.###"); // 33,320 rather than 3.332E4
    }
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    for (Line line : lines) {
      XYSeries series = chart.addSeries(line.name(), line.x(), line.y());
      series.setMarker(line.dashed() || line.x().length > 50 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
      if (line.dashed()) {
        series.setLineStyle(new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT,
            java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
      }
    }
    return chart;
  }

  /** Writes {@code name}.png and {@code name}.svg into an output directory that appears only when complete. */
  public static void save(Chart<?, ?> chart, AtomicOutputDirectory out, String name) throws IOException {
    try (OutputStream png = out.newStream(name + ".png")) {
      BitmapEncoder.saveBitmap(chart, png, BitmapEncoder.BitmapFormat.PNG);
    }
    try (OutputStream svg = out.newStream(name + ".svg")) {
      VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    }
  }

  /** Writes {@code base}.png and {@code base}.svg. */
  public static void save(XYChart chart, Path base) throws IOException {
    BitmapEncoder.saveBitmap(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG);
    VectorGraphicsEncoder.saveVectorGraphic(chart, base.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
  }
}
