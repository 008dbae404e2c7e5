package io.sparkdmf.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sparkdmf.data.AtomicOutputDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * What {@code run.json} in every output directory records, so that a scheduled run can be audited:
 * the version and git commit of the build, the job and every option's effective value (command line,
 * config file or default), the inputs with their checksums, the start and end time and the Spark
 * application. One record per job run; {@link Main} begins it, {@link SparkContexts} adds the Spark
 * application, and a job writes it into its output just before the commit.
 */
public final class RunRecord {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** Options that name input files. */
  private static final Set<String> INPUT_OPTIONS = Set.of("--input", "--test", "--views", "--mat", "--labels",
      "--data", "--config");
  /** Inputs up to this size get a SHA-256 of their bytes; larger ones their size and modification time only. */
  private static final long HASHED_BYTES = 256L << 20;

  private static volatile RunRecord current = new RunRecord(List.of(), Map.of(), List.of());

  private final List<String> command;
  private final Map<String, Object> options;
  private final List<String> inputs;
  private final Instant start = Instant.now();
  private volatile String sparkApplication;
  private volatile String sparkMaster;

  private RunRecord(List<String> command, Map<String, Object> options, List<String> inputs) {
    this.command = command;
    this.options = options;
    this.inputs = inputs;
  }

  /** Starts the record of the job the parse result selected. */
  static void begin(ParseResult parsed) {
    List<String> command = new ArrayList<>();
    ParseResult leaf = parsed;
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
      command.add(leaf.commandSpec().name());
    }
    Map<String, Object> options = new LinkedHashMap<>();
    List<String> inputs = new ArrayList<>();
    for (OptionSpec option : leaf.commandSpec().options()) {
      if (option.usageHelp() || option.versionHelp()) {
        continue;
      }
      Object value = option.getValue();
      options.put(option.longestName(), value == null ? null : value instanceof Collection<?> c
          ? c.stream().map(String::valueOf).toList() : String.valueOf(value));
      if (INPUT_OPTIONS.contains(option.longestName()) && value != null) {
        if (value instanceof Collection<?> values) {
          values.forEach(v -> inputs.add(String.valueOf(v)));
        } else {
          inputs.add(String.valueOf(value));
        }
      }
    }
    current = new RunRecord(command, options, inputs);
  }

  /** The record of the job running now. */
  public static RunRecord current() {
    return current;
  }

  void sparkApplication(String applicationId, String master) {
    this.sparkApplication = applicationId;
    this.sparkMaster = master;
  }

  /** Writes {@code run.json} into the output directory (before its commit). */
  public void writeTo(AtomicOutputDirectory out, Configuration conf) throws IOException {
    Map<String, Object> record = new LinkedHashMap<>();
    Properties git = build();
    record.put("tool", "spark-dmf");
    record.put("version", git.getProperty("git.build.version", "unknown"));
    record.put("git_commit", git.getProperty("git.commit.id", "unknown"));
    record.put("git_dirty", Boolean.parseBoolean(git.getProperty("git.dirty", "false")));
    record.put("command", command);
    record.put("options", options);
    List<Map<String, Object>> checksums = new ArrayList<>();
    for (String input : inputs) {
      checksums.addAll(checksums(input, conf));
    }
    record.put("inputs", checksums);
    record.put("start", start.toString());
    record.put("end", Instant.now().toString());
    record.put("spark_application_id", sparkApplication);
    record.put("spark_master", sparkMaster);
    record.put("java", System.getProperty("java.version"));
    try (Writer w = out.newFile("run.json")) {
      w.write(JSON.writeValueAsString(record));
    }
  }

  private static Properties build() {
    Properties properties = new Properties();
    try (InputStream in = RunRecord.class.getResourceAsStream("/spark-dmf-git.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  /** One entry per file (a directory or glob expands to its files), on any Hadoop file system. */
  private static List<Map<String, Object>> checksums(String input, Configuration conf) throws IOException {
    Path path = new Path(input);
    FileSystem fs = path.getFileSystem(conf);
    FileStatus[] matches = fs.globStatus(path);
    List<Map<String, Object>> out = new ArrayList<>();
    if (matches == null) {
      return out;
    }
    for (FileStatus match : matches) {
      FileStatus[] files = match.isDirectory() ? fs.listStatus(match.getPath()) : new FileStatus[] {match};
      for (FileStatus file : files) {
        if (file.isFile()) {
          out.add(checksum(fs, file));
        }
      }
    }
    return out;
  }

  /** The file system's own checksum when it keeps one (HDFS: no read), else SHA-256 of small files. */
  private static Map<String, Object> checksum(FileSystem fs, FileStatus file) throws IOException {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("path", file.getPath().toString());
    entry.put("bytes", file.getLen());
    entry.put("modified", Instant.ofEpochMilli(file.getModificationTime()).toString());
    FileChecksum stored = fs.getFileChecksum(file.getPath());
    if (stored != null) {
      entry.put(stored.getAlgorithmName(), HexFormat.of().formatHex(stored.getBytes()));
    } else if (file.getLen() <= HASHED_BYTES) {
      entry.put("sha256", sha256(fs, file.getPath()));
    }
    return entry;
  }

  private static String sha256(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
