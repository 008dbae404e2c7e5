package io.sparkdmf.jobs;

import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.data.AtomicOutputDirectory;
import io.sparkdmf.data.StarRatings;
import java.io.Writer;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dmf generate-ratings}: star ratings shaped like public rating sets, as files to try the jobs on. */
@Command(
    name = "generate-ratings",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Writes seeded star ratings shaped like public rating sets (offsets, long-tailed popularity, low-rank",
        "taste, noise; see StarRatings) as train.tsv and test.tsv, 'user<TAB>item<TAB>rating' per line, for",
        "complete --ratings. MovieLens may not be redistributed; these may."})
final class GenerateRatingsJob implements Callable<Integer> {

  @Option(names = "--ratings", defaultValue = "100000", description = "About this many ratings, 10% of them in"
      + " test.tsv (default: ${DEFAULT-VALUE}).")
  long ratings;

  @Option(names = "--half-stars", description = "Half stars (0.5..5) instead of whole ones.")
  boolean halfStars;

  @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws Exception {
    EntryBlock[] parts = StarRatings.sized(ratings, seed).withHalfStars(halfStars).generateLocally();
    try (AtomicOutputDirectory out = AtomicOutputDirectory.create(output.out, output.overwrite, new Configuration())) {
      for (int k = 0; k < 2; k++) {
        try (Writer writer = out.newFile(k == 0 ? "train.tsv" : "test.tsv")) {
          EntryBlock block = parts[k];
          for (int e = 0; e < block.size(); e++) {
            writer.write(String.format(Locale.ROOT, "u%d\ti%d\t%s%n", block.row(e), block.col(e),
                halfStars ? Double.toString(block.value(e)) : Integer.toString((int) block.value(e))));
          }
        }
      }
      out.commit();
      System.out.printf(Locale.ROOT, "%,d train and %,d test ratings in %s%n", parts[0].size(), parts[1].size(),
          out.target());
    }
    return 0;
  }
}
