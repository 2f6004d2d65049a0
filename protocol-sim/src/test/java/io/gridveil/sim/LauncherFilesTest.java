// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The files around the program that spec/sim.md §6.1 and the README rely on: the launcher shows
 * the build's progress, a run leaves the clone clean, and benchmarks.jar does not bundle javallier's
 * command-line dependencies.
 */
class LauncherFilesTest {
  /** The repository root: the nearest directory above the working directory holding mvnw. */
  private static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("mvnw"))) {
      p = p.getParent();
    }
    assertNotNull(p, "no repository root above " + Path.of("").toAbsolutePath());
    return p;
  }

  @Test
  void gitignore_listsTheDefaultOutputDirectory() throws Exception {
    List<String> lines = Files.readAllLines(root().resolve(".gitignore"), StandardCharsets.UTF_8);
    assertTrue(lines.contains("gridveil-out/"), lines.toString());
  }

  @Test
  void launcher_showsTheBuildProgressInsteadOfAQuietBuild() throws Exception {
    String script = Files.readString(root().resolve("gridveil"), StandardCharsets.UTF_8);
    assertFalse(script.contains("./mvnw -q"), "the build must not be quiet");
    assertTrue(script.contains("| progress >&2"), "Maven's output goes through the progress filter");
    assertTrue(script.contains("[INFO\\] Building "), "one line per module");
  }

  @Test
  void bench_excludesJavalliersScalaLoggingAndJsonDependencies() throws Exception {
    Document pom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(root().resolve("protocol-bench/pom.xml").toFile());
    NodeList deps = pom.getElementsByTagName("dependency");
    List<String> excluded = new ArrayList<>();
    boolean found = false;
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      if (text(d, "artifactId").equals("javallier_2.10")) {
        found = true;
        NodeList ex = d.getElementsByTagName("exclusion");
        for (int k = 0; k < ex.getLength(); k++) {
          Element e = (Element) ex.item(k);
          excluded.add(text(e, "groupId") + ":" + text(e, "artifactId"));
        }
      }
    }
    assertTrue(found, "protocol-bench depends on javallier");
    for (String a : new String[] {
        "org.scala-lang:scala-library", "com.fasterxml.jackson.core:jackson-databind",
        "ch.qos.logback:logback-classic", "commons-cli:commons-cli"}) {
      assertTrue(excluded.contains(a), a + " excluded: " + excluded);
    }
  }

  private static String text(Element e, String tag) {
    NodeList n = e.getElementsByTagName(tag);
    return n.getLength() == 0 ? "" : n.item(0).getTextContent().strip();
  }
}
