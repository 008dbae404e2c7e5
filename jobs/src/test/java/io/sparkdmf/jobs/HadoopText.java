package io.sparkdmf.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Whole UTF-8 text files on a Hadoop file system, for the tests that run jobs on HDFS. */
public final class HadoopText {
  private HadoopText() {}

  public static void write(FileSystem fs, String path, String text) throws IOException {
    try (OutputStream out = fs.create(new Path(path))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  public static String read(FileSystem fs, String path) throws IOException {
    try (InputStream in = fs.open(new Path(path))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
