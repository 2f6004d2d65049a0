// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads the spec's test vectors (spec/vectors/, format in spec/README.md §4): a file is a JSON
 * object with {@code "spec"}, {@code "version"} and a {@code "vectors"} array.
 */
public final class Vectors {
  private Vectors() {}

  /**
   * Returns the repository root: the {@code gridveil.root} system property that the build sets,
   * or the nearest ancestor of the working directory that holds spec/.
   *
   * @return the root
   */
  public static Path root() {
    String prop = System.getProperty("gridveil.root");
    if (prop != null && Files.isDirectory(Path.of(prop, "spec"))) {
      return Path.of(prop);
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      if (Files.isDirectory(p.resolve("spec"))) {
        return p;
      }
      p = p.getParent();
    }
    throw new IllegalStateException("cannot find the repository root (no spec/ above the cwd)");
  }

  /**
   * Loads the vectors of one file.
   *
   * @param relative the path under spec/vectors/, for example {@code "core/prf.json"}
   * @return the vectors in file order
   */
  @SuppressWarnings("unchecked") // JSON objects are parsed as Map<String, Object>
  public static List<Vector> load(String relative) {
    Map<String, Object> top = file(relative);
    List<Vector> out = new ArrayList<>();
    Object vectors = top.get("vectors");
    if (!(vectors instanceof List)) {
      throw new IllegalStateException(relative + " has no \"vectors\" array");
    }
    for (Object o : (List<Object>) vectors) {
      out.add(new Vector((Map<String, Object>) o));
    }
    if (out.isEmpty()) {
      throw new IllegalStateException(relative + " holds no vectors");
    }
    return out;
  }

  /**
   * Returns the file-wide parameters of one vector file (its {@code "parameters"} object,
   * spec/README.md §4).
   *
   * @param relative the path under spec/vectors/
   * @return the parameters as a vector
   */
  @SuppressWarnings("unchecked") // JSON objects are parsed as Map<String, Object>
  public static Vector parameters(String relative) {
    Object p = file(relative).get("parameters");
    if (!(p instanceof Map)) {
      throw new IllegalStateException(relative + " has no \"parameters\" object");
    }
    return new Vector((Map<String, Object>) p);
  }

  /**
   * Parses one vector file.
   *
   * @param relative the path under spec/vectors/
   * @return the top-level JSON object
   */
  @SuppressWarnings("unchecked") // JSON objects are parsed as Map<String, Object>
  public static Map<String, Object> file(String relative) {
    Path file = root().resolve("spec").resolve("vectors").resolve(relative);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return (Map<String, Object>) Json.parse(text);
  }
}
