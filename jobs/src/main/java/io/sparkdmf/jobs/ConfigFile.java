package io.sparkdmf.jobs;

import io.sparkdmf.data.InputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --config FILE}: job options from a Java properties file ({@code name = value}, the long option
 * name without its dashes, e.g. {@code input = hdfs:///ratings}; {@code complete.input} applies to one
 * job only; flags take {@code true}). Options given on the command line win over the file. Picocli's
 * {@link CommandLine.PropertiesDefaultProvider} does the lookup; this class adds what it leaves out:
 * the file must exist and every key must name an option, so a typo fails the run instead of being
 * silently ignored.
 */
final class ConfigFile {
  private static final long MAX_BYTES = 1 << 20;

  private ConfigFile() {}

  /**
   * Removes {@code --config FILE} (or {@code --config=FILE}) from the arguments and, if it was there,
   * installs the file's values as defaults of every command. Returns the remaining arguments.
   */
  static String[] apply(CommandLine commandLine, String[] args) {
    List<String> rest = new ArrayList<>();
    Path file = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config")) {
        if (i + 1 >= args.length) {
          throw new InputException("--config", "needs a file name");
        }
        file = Path.of(args[++i]);
      } else if (args[i].startsWith("--config=")) {
        file = Path.of(args[i].substring("--config=".length()));
      } else {
        rest.add(args[i]);
      }
    }
    if (file != null) {
      commandLine.setDefaultValueProvider(new CommandLine.PropertiesDefaultProvider(
          providerKeys(read(file), commandLine, file)));
    }
    return rest.toArray(String[]::new);
  }

  private static Properties read(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new InputException(file.toString(), "the config file does not exist or is not a file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new InputException(file.toString(), "the config file is larger than 1 MiB; is it the right file?");
      }
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
      return properties;
    } catch (IOException | IllegalArgumentException e) {
      // IllegalArgumentException: a malformed \\uXXXX escape; a MalformedInputException: not UTF-8 text
      throw new InputException(file.toString(), "cannot read the config file: " + e.getMessage());
    }
  }

  /**
   * The file's values under the keys picocli looks up ({@code name}, or the command's qualified name
   * and the option, {@code dmf.complete.depth}, written {@code complete.depth} in the file); fails on a
   * key that names no option.
   */
  private static Properties providerKeys(Properties properties, CommandLine root, Path file) {
    Map<String, String> known = new HashMap<>();
    collect(root, known);
    Properties out = new Properties();
    for (String key : properties.stringPropertyNames()) {
      String providerKey = known.get(key);
      if (providerKey == null) {
        throw new InputException(file.toString(), "unknown option '" + key + "' (keys are long option names"
            + " without the dashes, e.g. 'input', or 'complete.input' for one job)");
      }
      out.setProperty(providerKey, properties.getProperty(key));
    }
    return out;
  }

  private static void collect(CommandLine command, Map<String, String> known) {
    CommandSpec spec = command.getCommandSpec();
    String qualified = spec.qualifiedName(".");
    String prefix = qualified.contains(".") ? qualified.substring(qualified.indexOf('.') + 1) + "." : "";
    for (OptionSpec option : spec.options()) {
      String name = option.longestName().replaceFirst("^-+", "");
      known.put(name, name);
      known.put(prefix + name, qualified + "." + name);
    }
    command.getSubcommands().values().forEach(sub -> collect(sub, known));
  }
}
