// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit.pbt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.testkit.Vectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The property engine stays behind the seam (README "Dependencies and why"): no Java file outside
 * {@code io.gridveil.testkit.pbt}'s main sources imports QuickTheories, so swapping the engine
 * changes that package alone.
 */
class SeamTest {
  private static final String SEAM = "protocol-testkit/src/main/java/io/gridveil/testkit/pbt/";
  /** An import of the engine at the start of a line (also a static or a fully qualified use). */
  private static final Pattern ENGINE =
      Pattern.compile("(?m)^import (static )?org\\.quicktheories|[^\"]org\\.quicktheories\\.\\w+\\.");

  @Test
  void onlyTheSeamImportsTheEngine() throws IOException {
    Path root = Vectors.root();
    List<Path> java;
    try (Stream<Path> s = Files.walk(root)) {
      java = s.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
          .toList();
    }
    assertTrue(java.size() > 100, "walked " + java.size() + " files from " + root);
    List<String> outside = java.stream()
        .filter(p -> !root.relativize(p).toString().startsWith(SEAM))
        .filter(p -> ENGINE.matcher(read(p)).find())
        .map(p -> root.relativize(p).toString())
        .toList();
    assertEquals(List.of(), outside);
    long inside = java.stream()
        .filter(p -> root.relativize(p).toString().startsWith(SEAM))
        .filter(p -> ENGINE.matcher(read(p)).find())
        .count();
    assertTrue(inside > 0, "the seam itself names the engine");
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
