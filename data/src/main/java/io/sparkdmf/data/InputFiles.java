package io.sparkdmf.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/** The input files a user's path names: a file, a directory (its visible files) or a glob, on any Hadoop file system. */
final class InputFiles {
  private InputFiles() {}

  /** The files, sorted within each match; missing or empty inputs are {@link InputException}s. */
  static List<String> list(Configuration conf, String pathOrGlob) {
    try {
      Path path = new Path(pathOrGlob);
      FileSystem fs = path.getFileSystem(conf);
      FileStatus[] matches = fs.globStatus(path);
      if (matches == null || matches.length == 0) {
        throw new InputException(pathOrGlob, "no such file or directory");
      }
      List<String> files = new ArrayList<>();
      for (FileStatus match : matches) {
        FileStatus[] inside = match.isDirectory() ? fs.listStatus(match.getPath()) : new FileStatus[] {match};
        Arrays.stream(inside)
            .filter(FileStatus::isFile)
            .map(status -> status.getPath().toString())
            .filter(name -> !hidden(name))
            .sorted()
            .forEach(files::add);
      }
      if (files.isEmpty()) {
        throw new InputException(pathOrGlob, "no input files found (the directory is empty)");
      }
      return files;
    } catch (IOException e) {
      throw new InputException(pathOrGlob, "cannot be read: " + e.getMessage());
    }
  }

  /** The files' total size in bytes. */
  static long totalBytes(Configuration conf, List<String> files) {
    long total = 0;
    try {
      for (String file : files) {
        Path path = new Path(file);
        total += path.getFileSystem(conf).getFileStatus(path).getLen();
      }
    } catch (IOException e) {
      throw new InputException(files.get(0), "cannot be read: " + e.getMessage());
    }
    return total;
  }

  /** A reader of the file's lines, decompressed as Spark's textFile would be (by the file's extension). */
  static BufferedReader open(Configuration conf, String file) throws IOException {
    Path path = new Path(file);
    InputStream raw = path.getFileSystem(conf).open(path);
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
    return new BufferedReader(new InputStreamReader(codec == null ? raw : codec.createInputStream(raw),
        StandardCharsets.UTF_8));
  }

  /** Local files without the "file:" scheme, as the user typed them; other schemes in full. */
  static String displayName(String file) {
    Path path = new Path(file);
    return "file".equals(path.toUri().getScheme()) ? path.toUri().getPath() : file;
  }

  private static boolean hidden(String name) {
    String last = name.substring(name.lastIndexOf('/') + 1);
    return last.startsWith("_") || last.startsWith(".");
  }
}
