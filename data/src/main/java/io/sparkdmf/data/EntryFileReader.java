package io.sparkdmf.data;

import io.sparkdmf.core.completion.EntryDataset;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.completion.EntryBlockBuilder;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Reads entry files through Spark and Hadoop paths (local, hdfs://, s3a://; a file, a directory or a
 * glob) into blocks of entries, and validates them all before anything trains: every malformed
 * line, bad number, bad index, duplicated (row, col) pair, empty input or missing file becomes an
 * {@link InputException} naming the file, the line and the problem (the first one, in file order).
 */
public final class EntryFileReader {
  private final JavaSparkContext sc;
  private final EntryFormat format;

  public EntryFileReader(JavaSparkContext sc, EntryFormat format) {
    this.sc = sc;
    this.format = format;
  }

  /** The first line of a partition that could not be parsed, and why. */
  private record BadLine(long location, String problem) implements Serializable {}

  /** A partition's parse: its entries, the line each came from, and its first bad line (or null). */
  private record ParsedChunk(EntryBlock block, long[] locations, BadLine badLine)
      implements Serializable {}

  public EntryDataset read(String pathOrGlob) {
    List<String> files = InputFiles.list(sc.hadoopConfiguration(), pathOrGlob);
    List<JavaRDD<ParsedChunk>> perFile = new ArrayList<>();
    for (int f = 0; f < files.size(); f++) {
      perFile.add(parse(files.get(f), f));
    }
    JavaRDD<ParsedChunk> chunks = sc.union(perFile.toArray(JavaRDD[]::new))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      failOnFirstBadLine(chunks, files);
      // fold, not reduce: an empty file has no partitions at all
      long[] extent = chunks.map(EntryFileReader::extent).fold(new long[] {-1, -1, 0}, EntryFileReader::maxAndSum);
      if (extent[2] == 0) {
        throw new InputException(pathOrGlob, "no entries found (only blank or comment lines)");
      }
      failOnFirstDuplicate(chunks, files);
      int rows = format.rows() == EntryFormat.UNKNOWN ? (int) extent[0] + 1 : format.rows();
      int cols = format.cols() == EntryFormat.UNKNOWN ? (int) extent[1] + 1 : format.cols();
      JavaRDD<EntryBlock> blocks = chunks.map(ParsedChunk::block).filter(b -> b.size() > 0);
      return new EntryDataset(blocks, rows, cols, extent[2]);
    } catch (RuntimeException e) {
      chunks.unpersist(false);
      throw e;
    }
  }

  private JavaRDD<ParsedChunk> parse(String file, int fileIndex) {
    EntryFormat fmt = format;
    return sc.textFile(file).zipWithIndex().mapPartitions(lines -> {
      List<ParsedChunk> out = new ArrayList<>(1);
      out.add(parseChunk(lines, fmt, fileIndex));
      return out.iterator();
    });
  }

  private static ParsedChunk parseChunk(
      Iterator<Tuple2<String, Long>> lines, EntryFormat format, int fileIndex) {
    EntryBlockBuilder entries = new EntryBlockBuilder();
    long[] locations = new long[16];
    while (lines.hasNext()) {
      Tuple2<String, Long> numbered = lines.next();
      long line = numbered._2() + 1;
      long location = LineLocation.of(fileIndex, line);
      if (format.header() && line == 1) {
        continue;
      }
      EntryFormat.Entry entry;
      try {
        entry = format.parse(numbered._1());
      } catch (IllegalArgumentException e) {
        return new ParsedChunk(entries.build(), new long[0], new BadLine(location, e.getMessage()));
      }
      if (entry == null) {
        continue;
      }
      if (entries.size() == locations.length) {
        locations = Arrays.copyOf(locations, locations.length * 2);
      }
      locations[entries.size()] = location;
      entries.add(entry.row(), entry.col(), entry.value());
    }
    return new ParsedChunk(entries.build(), Arrays.copyOf(locations, entries.size()), null);
  }

  private static void failOnFirstBadLine(JavaRDD<ParsedChunk> chunks, List<String> files) {
    List<BadLine> bad = chunks.map(ParsedChunk::badLine).filter(Objects::nonNull).collect();
    bad.stream().min(Comparator.comparingLong(BadLine::location)).ifPresent(b -> {
      throw new InputException(LineLocation.file(files, b.location()), LineLocation.line(b.location()), b.problem());
    });
  }

  /** {max row, max col, count} of a chunk. */
  private static long[] extent(ParsedChunk chunk) {
    EntryBlock block = chunk.block();
    long[] extent = {-1, -1, block.size()};
    for (int e = 0; e < block.size(); e++) {
      extent[0] = Math.max(extent[0], block.row(e));
      extent[1] = Math.max(extent[1], block.col(e));
    }
    return extent;
  }

  private static long[] maxAndSum(long[] a, long[] b) {
    return new long[] {Math.max(a[0], b[0]), Math.max(a[1], b[1]), a[2] + b[2]};
  }

  private static void failOnFirstDuplicate(JavaRDD<ParsedChunk> chunks, List<String> files) {
    DuplicateEntries.failOnFirst(chunks.flatMapToPair(chunk -> {
      List<Tuple2<Long, Long>> keyed = new ArrayList<>(chunk.block().size());
      for (int e = 0; e < chunk.block().size(); e++) {
        long key = ((long) chunk.block().row(e) << 32) | chunk.block().col(e);
        keyed.add(new Tuple2<>(key, chunk.locations()[e]));
      }
      return keyed.iterator();
    }), files, "(row, col)");
  }
}
