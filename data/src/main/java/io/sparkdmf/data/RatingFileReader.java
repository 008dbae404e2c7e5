package io.sparkdmf.data;

import io.sparkdmf.core.completion.EntryDataset;
import io.sparkdmf.core.ratings.IdIndex;
import io.sparkdmf.core.EnumNames;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.completion.EntryBlockBuilder;
import java.io.Serializable;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Reads ratings where users and items are any ids: they become rows and columns in sorted order, and
 * the id lists travel with the data so results can be written back with the original ids. Text files
 * hold {@code user item rating [timestamp]} per line (the MovieLens / Netflix layout) with the
 * separators, comments, header and checks of entry files; Parquet datasets hold three named columns.
 * The first bad line, a bad Parquet row, an empty input or a repeated (user, item) pair is an
 * {@link InputException} naming the file and the line or row.
 */
public final class RatingFileReader {
  private static final Logger LOG = LoggerFactory.getLogger(RatingFileReader.class);

  private final JavaSparkContext sc;
  private final boolean header;
  /** user, item and rating column names for Parquet input; null for text files. */
  private final String[] parquetColumns;
  /** Text inputs up to this size are read on the driver. */
  private final long driverBytes;

  /** Text rating files, with or without a header line. */
  public RatingFileReader(JavaSparkContext sc, boolean header) {
    this(sc, header, null, DRIVER_BYTES);
  }

  private RatingFileReader(JavaSparkContext sc, boolean header, String[] parquetColumns, long driverBytes) {
    this.sc = sc;
    this.header = header;
    this.parquetColumns = parquetColumns;
    this.driverBytes = driverBytes;
  }

  /** The same reader with another driver threshold (tests read small files through Spark with 0). */
  RatingFileReader withDriverBytes(long bytes) {
    return new RatingFileReader(sc, header, parquetColumns, bytes);
  }

  /** Parquet datasets with the given user, item and rating columns (ids of any type, numeric ratings). */
  public static RatingFileReader parquet(JavaSparkContext sc, String userColumn, String itemColumn,
      String ratingColumn) {
    return new RatingFileReader(sc, false, new String[] {userColumn, itemColumn, ratingColumn}, DRIVER_BYTES);
  }

  /** Training ratings with their ids: row i is user {@code userIds.get(i)}, column j item {@code itemIds.get(j)}. */
  public record RatingDataset(EntryDataset entries, List<String> userIds, List<String> itemIds) {}

  /** One parsed line, or the problem with it. */
  private record Rating(long location, String user, String item, double value, String problem)
      implements Serializable {}

  /**
   * Text inputs up to this many bytes are read and indexed on the driver and handed to Spark as blocks:
   * for a MovieLens-100k-sized file, Spark jobs to parse, index and check it cost seconds, the driver
   * a fraction of one.
   */
  public static final long DRIVER_BYTES = 64L << 20;

  public RatingDataset read(String pathOrGlob) {
    List<String> files = files(pathOrGlob);
    if (readsOnDriver(files)) {
      return readOnDriver(pathOrGlob, files);
    }
    JavaRDD<Rating> ratings = ratings(files);
    try {
      List<String> users = ratings.map(Rating::user).distinct().collect().stream().sorted().toList();
      List<String> items = ratings.map(Rating::item).distinct().collect().stream().sorted().toList();
      if (users.isEmpty()) {
        throw new InputException(pathOrGlob, "no ratings found (only blank or comment lines)");
      }
      Broadcast<IdIndex> userIndex = sc.broadcast(IdIndex.ofStrings(users));
      Broadcast<IdIndex> itemIndex = sc.broadcast(IdIndex.ofStrings(items));
      DuplicateEntries.failOnFirst(ratings.mapToPair(r -> new Tuple2<>(
          ((long) userIndex.value().indexOf(r.user()) << 32) | itemIndex.value().indexOf(r.item()), r.location())),
          files, "(user, item)");
      JavaRDD<EntryBlock> blocks = ratings.mapPartitions(partition -> {
        EntryBlockBuilder builder = new EntryBlockBuilder();
        partition.forEachRemaining(r ->
            builder.add(userIndex.value().indexOf(r.user()), itemIndex.value().indexOf(r.item()), r.value()));
        return List.of(builder.build()).iterator();
      }).filter(block -> block.size() > 0).persist(StorageLevel.MEMORY_AND_DISK());
      long count = blocks.map(EntryBlock::size).fold(0, Integer::sum);
      return new RatingDataset(new EntryDataset(blocks, users.size(), items.size(), count), users, items);
    } finally {
      ratings.unpersist(false);
    }
  }

  /** What to do with a held-out rating whose user or item has no training ratings. */
  public enum ColdStart {
    /** Leave it out of the evaluation (and say how many were left out), as ALS users evaluate. */
    DROP,
    /** Keep it with a NaN prediction, out of the RMSE, as ALS's "nan" strategy. */
    NAN,
    /** Fail, naming the file and line. */
    ERROR;

    public static ColdStart parse(String name) {
      return EnumNames.parse(ColdStart.class, name, "cold-start strategy");
    }
  }

  /** A held-out rating of a user or item without training ratings, kept by {@link ColdStart#NAN}. */
  public record UnseenRating(String user, String item, double value) {}

  /** Held-out ratings of known users and items, in the training indices, and those kept that are not. */
  public record HeldOutRatings(EntryBlock known, List<UnseenRating> unseen) {}

  /**
   * Held-out ratings in the rows and columns of {@code train}; a rating of a user or item it has never
   * seen is dropped, kept aside or an error, as {@code coldStart} says.
   */
  public HeldOutRatings readHeldOut(String pathOrGlob, RatingDataset train, ColdStart coldStart) {
    List<String> files = files(pathOrGlob);
    IdIndex users = IdIndex.ofStrings(train.userIds());
    IdIndex items = IdIndex.ofStrings(train.itemIds());
    EntryBlockBuilder builder = new EntryBlockBuilder();
    List<Rating> all;
    if (readsOnDriver(files)) {
      all = parseOnDriver(files);
    } else {
      JavaRDD<Rating> ratings = ratings(files);
      all = ratings.collect();
      ratings.unpersist(false);
    }
    long dropped = 0;
    List<UnseenRating> unseen = new ArrayList<>();
    for (Rating r : all) {
      int i = users.indexOf(r.user());
      int j = items.indexOf(r.item());
      if (i < 0 || j < 0) {
        if (coldStart == ColdStart.DROP) {
          dropped++;
          continue;
        }
        if (coldStart == ColdStart.NAN) {
          unseen.add(new UnseenRating(r.user(), r.item(), r.value()));
          continue;
        }
        throw new InputException(LineLocation.file(files, r.location()), LineLocation.line(r.location()),
            (i < 0 ? "user '" + r.user() : "item '" + r.item()) + "' has no training ratings, so the model"
                + " cannot predict it (--cold-start drop leaves such ratings out, nan predicts NaN)");
      }
      builder.add(i, j, r.value());
    }
    if (dropped > 0) {
      LOG.warn("{}: left out {} of {} held-out ratings whose user or item has no training ratings"
          + " (--cold-start drop)", pathOrGlob, dropped, all.size());
    }
    if (!unseen.isEmpty()) {
      LOG.warn("{}: {} of {} held-out ratings have a user or item without training ratings: predicted as NaN,"
          + " left out of test_rmse (--cold-start nan)", pathOrGlob, unseen.size(), all.size());
    }
    return new HeldOutRatings(builder.build(), unseen);
  }

  private boolean readsOnDriver(List<String> files) {
    return parquetColumns == null && InputFiles.totalBytes(sc.hadoopConfiguration(), files) <= driverBytes;
  }

  /** Every rating of the files in order, read on the driver; the first bad line is an error. */
  private List<Rating> parseOnDriver(List<String> files) {
    List<Rating> ratings = new ArrayList<>();
    for (int f = 0; f < files.size(); f++) {
      try (BufferedReader reader = InputFiles.open(sc.hadoopConfiguration(), files.get(f))) {
        long line = 0;
        for (String text = reader.readLine(); text != null; text = reader.readLine()) {
          line++;
          Rating r = parseLine(text, LineLocation.of(f, line), line == 1 && header);
          if (r != null && r.problem() != null) {
            throw new InputException(LineLocation.file(files, r.location()), line, r.problem());
          }
          if (r != null) {
            ratings.add(r);
          }
        }
      } catch (IOException e) {
        throw new InputException(files.get(f), "cannot be read: " + e.getMessage());
      }
    }
    return ratings;
  }

  /** The same as the Spark path of {@link #read}, for small text inputs: same checks, same messages. */
  private RatingDataset readOnDriver(String pathOrGlob, List<String> files) {
    List<Rating> ratings = parseOnDriver(files);
    List<String> users = ratings.stream().map(Rating::user).distinct().sorted().toList();
    List<String> items = ratings.stream().map(Rating::item).distinct().sorted().toList();
    if (users.isEmpty()) {
      throw new InputException(pathOrGlob, "no ratings found (only blank or comment lines)");
    }
    IdIndex userIndex = IdIndex.ofStrings(users);
    IdIndex itemIndex = IdIndex.ofStrings(items);
    Map<Long, Long> firstLocation = new HashMap<>(ratings.size() * 2);
    int parts = Math.max(1, Math.min(sc.defaultParallelism(), ratings.size() / 1000));
    List<EntryBlockBuilder> builders = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      builders.add(new EntryBlockBuilder());
    }
    for (int k = 0; k < ratings.size(); k++) {
      Rating r = ratings.get(k);
      int i = userIndex.indexOf(r.user());
      int j = itemIndex.indexOf(r.item());
      Long earlier = firstLocation.putIfAbsent(((long) i << 32) | j, r.location());
      if (earlier != null) {
        throw DuplicateEntries.duplicate(files, earlier, r.location(), "(user, item)");
      }
      builders.get((int) ((long) k * parts / ratings.size())).add(i, j, r.value());
    }
    List<EntryBlock> blocks = builders.stream().map(EntryBlockBuilder::build).toList();
    JavaRDD<EntryBlock> rdd = sc.parallelize(blocks, parts).persist(StorageLevel.MEMORY_AND_DISK());
    return new RatingDataset(new EntryDataset(rdd, users.size(), items.size(), ratings.size()), users, items);
  }

  /** Text files as listed; a Parquet dataset (a directory of part files) stands as one "file". */
  private List<String> files(String pathOrGlob) {
    return parquetColumns == null ? InputFiles.list(sc.hadoopConfiguration(), pathOrGlob) : List.of(pathOrGlob);
  }

  private JavaRDD<Rating> ratings(List<String> files) {
    return parquetColumns == null ? parseText(files) : readParquet(files.get(0));
  }

  /**
   * The three columns of a Parquet dataset as ratings located by row number; missing columns, a
   * non-numeric rating column, and null ids or missing or non-finite ratings are errors.
   */
  private JavaRDD<Rating> readParquet(String path) {
    Dataset<Row> frame;
    try {
      frame = SparkSession.builder().sparkContext(sc.sc()).getOrCreate().read().parquet(path);
    } catch (Exception e) { // Spark reports a missing path or a non-Parquet file as an AnalysisException
      throw new InputException(path, "cannot be read as Parquet: " + e.getMessage().lines().findFirst().orElse(""));
    }
    List<String> columns = List.of(frame.columns());
    for (String column : parquetColumns) {
      if (!columns.contains(column)) {
        throw new InputException(path, "no column '" + column + "' (columns: " + String.join(", ", columns) + ")");
      }
    }
    if (!(frame.schema().apply(parquetColumns[2]).dataType() instanceof NumericType)) {
      throw new InputException(path, "rating column '" + parquetColumns[2] + "' is "
          + frame.schema().apply(parquetColumns[2]).dataType().simpleString() + ", not numeric");
    }
    JavaRDD<Rating> ratings = frame.select(functions.col(parquetColumns[0]).cast("string"),
            functions.col(parquetColumns[1]).cast("string"), functions.col(parquetColumns[2]).cast("double"))
        .javaRDD().zipWithIndex()
        .map(t -> parquetRating(t._1, LineLocation.of(0, t._2 + 1)))
        .persist(StorageLevel.MEMORY_AND_DISK());
    failOnFirstProblem(ratings, List.of(path));
    return ratings;
  }

  private static Rating parquetRating(Row row, long location) {
    if (row.isNullAt(0) || row.isNullAt(1)) {
      return new Rating(location, null, null, 0, "row has a null user or item id");
    }
    if (row.isNullAt(2) || !Double.isFinite(row.getDouble(2))) {
      return new Rating(location, null, null, 0, "row has a missing or non-finite rating");
    }
    return new Rating(location, row.getString(0), row.getString(1), row.getDouble(2), null);
  }

  /** All rating lines of the files, checked: fails on the first bad line in file order. */
  private JavaRDD<Rating> parseText(List<String> files) {
    List<JavaRDD<Rating>> perFile = new ArrayList<>();
    for (int f = 0; f < files.size(); f++) {
      int fileIndex = f;
      boolean skipFirst = header;
      perFile.add(sc.textFile(files.get(f)).zipWithIndex()
          .map(t -> parseLine(t._1, LineLocation.of(fileIndex, t._2 + 1), t._2 == 0 && skipFirst))
          .filter(Objects::nonNull));
    }
    JavaRDD<Rating> ratings = sc.union(perFile.toArray(JavaRDD[]::new)).persist(StorageLevel.MEMORY_AND_DISK());
    failOnFirstProblem(ratings, files);
    return ratings;
  }

  private static void failOnFirstProblem(JavaRDD<Rating> ratings, List<String> files) {
    List<Rating> bad = ratings.filter(r -> r.problem() != null).collect();
    bad.stream().min(Comparator.comparingLong(Rating::location)).ifPresent(r -> {
      ratings.unpersist(false);
      throw new InputException(LineLocation.file(files, r.location()), LineLocation.line(r.location()), r.problem());
    });
  }

  /** The rating on a line, its problem, or null for a header, blank or comment line. */
  private static Rating parseLine(String line, long location, boolean isHeader) {
    String trimmed = line.strip();
    if (isHeader || EntryFormat.holdsNoData(trimmed)) {
      return null;
    }
    String[] fields = EntryFormat.SEPARATORS.split(trimmed);
    if (fields.length != 3 && fields.length != 4) {
      return new Rating(location, null, null, 0, "expected 3 or 4 fields (user item rating [timestamp]) but found "
          + fields.length);
    }
    double value;
    try {
      value = Double.parseDouble(fields[2]);
    } catch (NumberFormatException e) {
      return new Rating(location, null, null, 0, "rating '" + fields[2] + "' is not a number");
    }
    if (!Double.isFinite(value)) {
      return new Rating(location, null, null, 0, "rating '" + fields[2] + "' is not finite");
    }
    return new Rating(location, fields[0], fields[1], value, null);
  }
}
