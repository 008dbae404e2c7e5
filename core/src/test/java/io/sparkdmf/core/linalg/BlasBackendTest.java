package io.sparkdmf.core.linalg;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ludovic.netlib.lapack.LAPACK;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The core tests run twice (core/pom.xml): on the native BLAS and LAPACK where the machine has them,
 * and on netlib's Java implementations. This checks that each run got the back end it was meant for,
 * so that a passing suite says what it claims.
 */
class BlasBackendTest {
  /** Where netlib's default dlopen("libblas.so.3") finds a system BLAS on the Linux distributions we run on. */
  private static final List<Path> SYSTEM_BLAS = List.of(Path.of("/usr/lib/x86_64-linux-gnu/libblas.so.3"),
      Path.of("/usr/lib/aarch64-linux-gnu/libblas.so.3"), Path.of("/usr/lib64/libblas.so.3"),
      Path.of("/usr/lib/libblas.so.3"));

  @Test
  void runsOnTheBackEndThisExecutionAsksFor() {
    String wanted = System.getProperty("dmf.test.blas", "native-if-installed");
    String blas = Blas.implementation();
    String lapack = LAPACK.getInstance().getClass().getSimpleName();
    boolean nativeWanted = switch (wanted) {
      case "java" -> false;
      case "native" -> true;
      case "native-if-installed" -> SYSTEM_BLAS.stream().anyMatch(Files::exists);
      default -> throw new IllegalArgumentException("dmf.test.blas must be java, native or native-if-installed, got "
          + wanted);
    };
    if (nativeWanted) {
      assertTrue(blas.startsWith("native"), "expected the native BLAS, got " + blas);
      assertTrue(lapack.startsWith("JNI"), "expected the native LAPACK, got " + lapack);
    } else {
      assertFalse(blas.startsWith("native"), "expected a Java BLAS, got " + blas);
      assertFalse(lapack.startsWith("JNI"), "expected a Java LAPACK, got " + lapack);
    }
  }
}
