// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every vector file declares its inputs and parameters (spec/README.md §4, §7): a file is
 * {@code {"spec", "version": 1, "parameters": {...}, "inputs": [...], "outputs": [...], "notes":
 * [...], "vectors": [...]}}; each vector carries exactly the declared fields (a name ending in
 * {@code ?} is optional), negative vectors name the receiver state they are judged in, the cited
 * sections exist and a generator script {@code gen_<module>.py} exists for the file's module. A
 * vector file added later that omits its declaration fails the build here.
 */
class SpecVectorSchemaTest {
  private static final Set<String> TOP =
      Set.of("spec", "version", "parameters", "inputs", "outputs", "notes", "vectors");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(\\d+(?:\\.\\d+)*)\\.?\\s");
  private static final Pattern FILE = Pattern.compile("([a-z0-9_-]+\\.md)");
  private static final Pattern SECTION = Pattern.compile("§\\s*(\\d+(?:\\.\\d+)*)");

  private static List<Path> vectorFiles() {
    Path dir = Vectors.root().resolve("spec").resolve("vectors");
    try (Stream<Path> s = Files.walk(dir, 2)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String rel(Path p) {
    return Vectors.root().resolve("spec").resolve("vectors").relativize(p).toString()
        .replace('\\', '/');
  }

  @SuppressWarnings("unchecked") // JSON arrays of strings
  private static List<String> names(Map<String, Object> top, String key, String file) {
    Object o = top.get(key);
    assertTrue(o instanceof List, file + ": \"" + key + "\" must be an array of field names");
    List<String> out = new ArrayList<>();
    for (Object n : (List<Object>) o) {
      assertTrue(n instanceof String, file + ": \"" + key + "\" holds a non-string");
      out.add((String) n);
    }
    return out;
  }

  private static String bare(String name) {
    return name.endsWith("?") ? name.substring(0, name.length() - 1) : name;
  }

  private static Set<String> headings(String specFile) {
    Path p = Vectors.root().resolve("spec").resolve(specFile);
    assertTrue(Files.isRegularFile(p), "cited spec file " + specFile + " does not exist");
    Set<String> out = new HashSet<>();
    try {
      for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
        Matcher m = HEADING.matcher(line);
        if (m.find()) {
          out.add(m.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Test
  void everyVectorFile_declaresItsInputsParametersAndReceiver() {
    List<Path> files = vectorFiles();
    assertFalse(files.isEmpty(), "no vector files found");
    for (Path path : files) {
      String file = rel(path);
      Map<String, Object> top = Vectors.file(file);
      assertEquals(TOP, top.keySet(), file + ": top-level keys (spec/README.md §4)");
      assertEquals(1, Vector.toInteger(top.get("version")).intValueExact(), file + ": version");
      assertTrue(top.get("parameters") instanceof Map, file + ": \"parameters\" must be an object");
      Map<?, ?> parameters = (Map<?, ?>) top.get("parameters");
      List<String> inputs = names(top, "inputs", file);
      List<String> outputs = names(top, "outputs", file);
      List<String> notes = names(top, "notes", file);
      assertFalse(inputs.isEmpty(), file + ": declares no inputs");

      Set<String> declared = new LinkedHashSet<>();
      Set<String> required = new HashSet<>();
      for (List<String> group : List.of(inputs, outputs, notes)) {
        for (String n : group) {
          assertTrue(declared.add(bare(n)), file + ": field " + bare(n) + " declared twice");
          if (!n.endsWith("?")) {
            required.add(n);
          }
        }
      }
      Set<String> outs = new HashSet<>();
      outputs.forEach(n -> outs.add(bare(n)));
      if (outs.contains("check") || outs.contains("outcome")) {
        boolean named = parameters.containsKey("receiver")
            || inputs.stream().anyMatch(n -> bare(n).equals("receiver"));
        assertTrue(named, file + ": negative vectors must name their receiver state");
      }

      List<Vector> vectors = Vectors.load(file);
      for (int i = 0; i < vectors.size(); i++) {
        Set<String> fields = vectors.get(i).fields().keySet();
        for (String f : fields) {
          assertTrue(declared.contains(f), file + " #" + i + ": undeclared field " + f);
        }
        for (String r : required) {
          assertTrue(fields.contains(r), file + " #" + i + ": missing declared field " + r);
        }
      }

      String module = file.substring(0, file.indexOf('/'));
      assertTrue(
          Files.isRegularFile(Vectors.root().resolve("spec/vectors/tools/gen_" + module + ".py")),
          file + ": no generator spec/vectors/tools/gen_" + module + ".py");
    }
  }

  @Test
  void everyVectorFile_citesSectionsThatExist() {
    for (Path path : vectorFiles()) {
      String file = rel(path);
      String spec = (String) Vectors.file(file).get("spec");
      Matcher f = FILE.matcher(spec);
      List<int[]> spans = new ArrayList<>();
      List<String> specFiles = new ArrayList<>();
      while (f.find()) {
        spans.add(new int[] {f.start(), f.end()});
        specFiles.add(f.group(1));
      }
      assertFalse(specFiles.isEmpty(), file + ": \"spec\" names no spec file");
      for (int k = 0; k < specFiles.size(); k++) {
        int end = k + 1 < spans.size() ? spans.get(k + 1)[0] : spec.length();
        Set<String> known = headings(specFiles.get(k));
        Matcher s = SECTION.matcher(spec.substring(spans.get(k)[1], end));
        while (s.find()) {
          assertTrue(known.contains(s.group(1)),
              file + ": cites " + specFiles.get(k) + " §" + s.group(1) + ", which does not exist");
        }
      }
    }
  }
}
