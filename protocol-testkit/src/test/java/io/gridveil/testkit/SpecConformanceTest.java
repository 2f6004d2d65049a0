// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The build's spec-reference check (spec/README.md §5), run over the whole repository:
 *
 * <ol>
 *   <li>every {@code spec/x.md §n.m} cited in Java code names a file and a numbered section that
 *       exist;
 *   <li>every check ID listed in spec/checks.md appears in main code and, as a string literal, in
 *       a test; its "implemented in" and "tested in" files exist;
 *   <li>every check ID created in main code ({@code CheckId.of("...")}) is listed;
 *   <li>every key-schedule label in main code is in the label table of spec/core.md §5.2.
 * </ol>
 */
class SpecConformanceTest {
  private static final Pattern CITATION =
      Pattern.compile("spec/([a-z0-9_/-]+\\.md)\\s*§\\s*(\\d+(?:\\.\\d+)*)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(\\d+(?:\\.\\d+)*)\\.?\\s");
  private static final Pattern ID = Pattern.compile("[A-Z]{2,6}-[A-Z]-[0-9]{2}");
  private static final Pattern ROW = Pattern.compile("^\\|\\s*([A-Z]{2,6}-[A-Z]-[0-9]{2})\\s*\\|(.*)$");
  private static final Pattern CHECK_OF = Pattern.compile("CheckId\\.of\\(\\s*\"([^\"]+)\"");
  private static final Pattern LABEL =
      Pattern.compile("(?:Label\\.of|new Label)\\(\\s*\"(gridveil-v1 [^\"]+)\"");
  private static final Pattern PATH =
      Pattern.compile("`?([A-Za-z0-9_./-]+\\.(?:java|md|json|pml|sh|py))`?");

  private final Path root = Vectors.root();

  private List<Path> javaFiles(String kind) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> p.toString().contains("/src/" + kind + "/java/"))
          .filter(p -> !p.toString().contains("/target/"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, Set<String>> sectionsByFile() {
    Map<String, Set<String>> out = new HashMap<>();
    try (Stream<Path> s = Files.walk(root.resolve("spec"))) {
      for (Path p : s.filter(x -> x.toString().endsWith(".md")).toList()) {
        Set<String> sections = new HashSet<>();
        for (String line : read(p).split("\\n")) {
          Matcher m = HEADING.matcher(line);
          if (m.find()) {
            sections.add(m.group(1));
          }
        }
        out.put(root.resolve("spec").relativize(p).toString(), sections);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private List<String> checkRows() {
    List<String> rows = new ArrayList<>();
    List<Path> files = List.of(root.resolve("spec/checks.md"));
    for (Path f : files) {
      for (String line : read(f).split("\\n")) {
        if (ROW.matcher(line).find()) {
          rows.add(line);
        }
      }
    }
    return rows;
  }

  @Test
  void everyCitedSpecSectionExists() {
    Map<String, Set<String>> sections = sectionsByFile();
    Set<String> missing = new TreeSet<>();
    int citations = 0;
    List<Path> all = new ArrayList<>(javaFiles("main"));
    all.addAll(javaFiles("test"));
    for (Path p : all) {
      Matcher m = CITATION.matcher(read(p));
      while (m.find()) {
        citations++;
        Set<String> s = sections.get(m.group(1));
        if (s == null || !s.contains(m.group(2))) {
          missing.add("spec/" + m.group(1) + " §" + m.group(2) + " (cited in "
              + root.relativize(p) + ")");
        }
      }
    }
    assertTrue(citations > 50, "the code cites the spec: " + citations);
    assertTrue(missing.isEmpty(), "cited sections that do not exist:\n" + String.join("\n", missing));
  }

  @Test
  void everyListedCheckIsThrownInMainCodeAndAssertedInATest() {
    StringBuilder main = new StringBuilder();
    javaFiles("main").forEach(p -> main.append(read(p)));
    StringBuilder test = new StringBuilder();
    javaFiles("test").forEach(p -> test.append(read(p)));
    List<String> rows = checkRows();
    assertTrue(rows.size() >= 20, "spec/checks.md lists the checks: " + rows.size());
    Set<String> problems = new TreeSet<>();
    Set<String> listed = new HashSet<>();
    for (String row : rows) {
      Matcher m = ROW.matcher(row);
      assertTrue(m.find());
      String id = m.group(1);
      if (!listed.add(id)) {
        problems.add(id + ": listed twice");
      }
      if (!main.toString().contains("\"" + id + "\"")) {
        problems.add(id + ": not defined in main code");
      }
      if (!test.toString().contains("\"" + id + "\"")) {
        problems.add(id + ": not asserted in any test");
      }
      String[] cells = m.group(2).split("\\|");
      for (int c = Math.max(0, cells.length - 2); c < cells.length; c++) {
        Matcher pm = PATH.matcher(cells[c]);
        while (pm.find()) {
          if (!Files.exists(root.resolve(pm.group(1)))) {
            problems.add(id + ": file " + pm.group(1) + " does not exist");
          }
        }
      }
    }
    Matcher created = CHECK_OF.matcher(main);
    while (created.find()) {
      if (ID.matcher(created.group(1)).matches() && !listed.contains(created.group(1))) {
        problems.add(created.group(1) + ": created in main code but not listed in spec/checks.md");
      }
    }
    assertTrue(problems.isEmpty(), "check table problems:\n" + String.join("\n", problems));
  }

  @Test
  void everyLabelIsInTheSpecLabelTable() {
    String table = read(root.resolve("spec/core.md"));
    Set<String> missing = new TreeSet<>();
    int labels = 0;
    for (Path p : javaFiles("main")) {
      Matcher m = LABEL.matcher(read(p));
      while (m.find()) {
        labels++;
        if (!table.contains("`" + m.group(1) + "`")) {
          missing.add(m.group(1) + " (in " + root.relativize(p) + ")");
        }
      }
    }
    assertTrue(labels >= 1, "labels found: " + labels);
    assertTrue(missing.isEmpty(), "labels missing from spec/core.md §5.2:\n" + String.join("\n", missing));
  }
}
