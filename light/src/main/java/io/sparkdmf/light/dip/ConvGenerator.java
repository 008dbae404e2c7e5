package io.sparkdmf.light.dip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deep-image-prior generator: a learnable random latent (a few pixels, {@code widths[0]} channels)
 * grown by up-sampling blocks [two coordinate channels, replication pad, 4x4 convolution, bilinear x2
 * up-sampling, tanh, dropout], then a 3x3 convolution with leaky ReLU and a 3x3 convolution to one
 * channel, and exp(x - 2) for a positive image, cropped to {@code height} x {@code width}. Trained on a
 * single video from random weights, its output stays image-like for many steps before it can fit noise:
 * that bias is what recovers image-like factors.
 *
 * <p>Padding and up-sampling are fixed linear maps along each axis (matrix products), so the network
 * needs no engine-specific layers; the weights and dropout masks are drawn in Java from the seed, so a run
 * is the same wherever it runs. Each pass computes in a manager of its own, freed when the pass is done.
 */
final class ConvGenerator {
  private static final float LEAKY_SLOPE = 0.2f;
  private static final float OUTPUT_SHIFT = 2f;

  private final NDManager manager;
  private final DataType type;
  private final int height;
  private final int width;
  private final float dropout;
  private final Random masks;
  private final NDArray latent;
  private final List<Layer> blocks = new ArrayList<>();
  private final Layer head;
  private final Layer output;
  private final List<NDArray> parameters = new ArrayList<>();
  /** Where the current pass creates its arrays: they are freed with it. */
  private NDManager scope;

  /** One convolution: its weights, bias and kernel size. */
  private record Layer(NDArray weight, NDArray bias, int kernel) {}

  ConvGenerator(NDManager manager, DataType type, int height, int width, DipSettings settings, Random random) {
    this.manager = manager;
    this.type = type;
    this.height = height;
    this.width = width;
    this.dropout = (float) settings.dropout();
    this.masks = new Random(random.nextLong());
    int[] widths = settings.widths();
    int scale = 1 << settings.blocks();
    int h0 = (height + scale - 1) / scale;
    int w0 = (width + scale - 1) / scale;
    latent = parameter(gaussian(random, widths[0] * h0 * w0, 0.1), new Shape(1, widths[0], h0, w0));
    for (int b = 0; b < settings.blocks(); b++) {
      blocks.add(layer(widths[b] + 2, widths[b + 1], 4, random));
    }
    head = layer(widths[widths.length - 1] + 2, settings.headWidth(), 3, random);
    output = layer(settings.headWidth() + 2, 1, 3, random);
  }

  List<NDArray> parameters() {
    return parameters;
  }

  /** The generated image, {@code height} x {@code width}, entries positive; dropout only when training. */
  NDArray forward(NDManager scope, boolean training) {
    this.scope = scope;
    // the parameters join the pass's manager, so that what is computed from them is freed with it
    scope.tempAttachAll(parameters.toArray(NDArray[]::new));
    NDArray x = latent;
    for (Layer block : blocks) {
      x = convolve(x, block);
      long h = x.getShape().get(2);
      long w = x.getShape().get(3);
      x = upsampling((int) h).matMul(x).matMul(upsampling((int) w).transpose()).tanh();
      if (training && dropout > 0) {
        x = x.mul(mask(x.getShape()));
      }
    }
    x = Activation.leakyRelu(convolve(x, head), LEAKY_SLOPE);
    x = convolve(x, output);
    return x.get(0, 0).get(":" + height + ", :" + width).sub(OUTPUT_SHIFT).exp();
  }

  /** Kaiming-uniform weights and biases, as deep-learning libraries initialise a convolution. */
  private Layer layer(int in, int out, int kernel, Random random) {
    double bound = 1 / Math.sqrt(in * kernel * kernel);
    return new Layer(parameter(uniform(random, out * in * kernel * kernel, bound), new Shape(out, in, kernel, kernel)),
        parameter(uniform(random, out, bound), new Shape(out)), kernel);
  }

  private NDArray parameter(double[] values, Shape shape) {
    NDArray array = manager.create(values, shape).toType(type, false);
    array.setRequiresGradient(true);
    parameters.add(array);
    return array;
  }

  /** Coordinates appended, replication padding that keeps the size, then the convolution. */
  private NDArray convolve(NDArray x, Layer layer) {
    int h = (int) x.getShape().get(2);
    int w = (int) x.getShape().get(3);
    int before = (layer.kernel() - 1) / 2;
    int after = layer.kernel() - 1 - before;
    NDArray withCoordinates = x.concat(coordinates(h, w), 1);
    NDArray padded = padding(h, before, after).matMul(withCoordinates).matMul(padding(w, before, after).transpose());
    return Conv2d.conv2d(padded, layer.weight(), layer.bias()).singletonOrThrow();
  }

  /** Rows of the x2 bilinear up-sampling of {@code n} samples (half-pixel centres, edges clamped). */
  private NDArray upsampling(int n) {
    return constant(upsamplingMatrix(n), new Shape(2 * n, n));
  }

  private static double[] upsamplingMatrix(int n) {
    double[] a = new double[2 * n * n];
    for (int i = 0; i < 2 * n; i++) {
      double x = (i + 0.5) / 2 - 0.5;
      int lo = (int) Math.floor(x);
      double f = x - lo;
      a[i * n + Math.max(0, lo)] += 1 - f;
      a[i * n + Math.min(n - 1, lo + 1)] += f;
    }
    return a;
  }

  /** Replication padding of {@code n} samples by {@code before} and {@code after}, as a 0/1 matrix. */
  private NDArray padding(int n, int before, int after) {
    int out = n + before + after;
    double[] a = new double[out * n];
    for (int i = 0; i < out; i++) {
      a[i * n + Math.min(n - 1, Math.max(0, i - before))] = 1;
    }
    return constant(a, new Shape(out, n));
  }

  /** Two channels with the row and column coordinates in [-1, 1]. */
  private NDArray coordinates(int h, int w) {
    return constant(coordinateChannels(h, w), new Shape(1, 2, h, w));
  }

  private static double[] coordinateChannels(int h, int w) {
    double[] c = new double[2 * h * w];
    for (int i = 0; i < h; i++) {
      for (int j = 0; j < w; j++) {
        c[i * w + j] = h > 1 ? 2.0 * i / (h - 1) - 1 : 0;
        c[h * w + i * w + j] = w > 1 ? 2.0 * j / (w - 1) - 1 : 0;
      }
    }
    return c;
  }

  private NDArray constant(double[] values, Shape shape) {
    return scope.create(values, shape).toType(type, false);
  }

  /** Inverted dropout: each entry kept with probability 1 - rate and scaled by 1 / (1 - rate). */
  private NDArray mask(Shape shape) {
    double[] m = new double[(int) shape.size()];
    double keep = 1 / (1 - dropout);
    for (int i = 0; i < m.length; i++) {
      m[i] = masks.nextDouble() < dropout ? 0 : keep;
    }
    return constant(m, shape);
  }

  private static double[] gaussian(Random random, int n, double stddev) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = stddev * random.nextGaussian();
    }
    return v;
  }

  private static double[] uniform(Random random, int n, double bound) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = bound * (2 * random.nextDouble() - 1);
    }
    return v;
  }
}
