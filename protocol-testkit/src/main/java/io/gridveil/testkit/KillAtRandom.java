// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit;

import io.gridveil.core.random.RandomSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One round of a crash test (spec/runtime.md §6.7, spec/distortion.md §3.4): a child JVM runs a
 * writer that prints a line to its standard output after each commit it released; once a given
 * number of lines is out, the parent waits a seeded random 0 to 59 ms and kills the child with
 * SIGKILL. The test then reopens the store and checks it against the lines the child printed.
 * Waiting for lines rather than for a time makes every run progress however loaded the machine
 * is (a child JVM can take seconds to start), so a test can require progress without being timed.
 */
public final class KillAtRandom {
  /** How long a child may take to print its first line (its JVM start and first commit). */
  private static final long START_SECONDS = 60;

  private KillAtRandom() {}

  /**
   * What one killed child left behind.
   *
   * @param lines the complete lines it printed; a last line cut by the kill is left out (the
   *     writer's lines end with a newline, so a line without one was not wholly released)
   * @param killedWhileRunning whether it was still running when killed (else it had ended on its
   *     own, which a test that needs kills mid-run counts against)
   */
  public record Run(List<String> lines, boolean killedWhileRunning) {
    /**
     * Copies the lines.
     *
     * @param lines the complete lines the child printed
     * @param killedWhileRunning whether it was still running when killed
     */
    public Run {
      lines = List.copyOf(lines);
    }
  }

  /**
   * Starts a writer in a child JVM on this JVM's class path and kills it at a random instant.
   *
   * @param writer the writer's main class
   * @param out the file that receives its standard output
   * @param random the seeded source of the kill instant
   * @param lines how many complete lines the child prints before the random wait starts, at
   *     least 1
   * @param args the writer's arguments
   * @return what it printed and whether it was killed while running
   * @throws IOException if the child cannot be started or its output read
   * @throws InterruptedException if interrupted while waiting
   */
  public static Run once(
      Class<?> writer, Path out, RandomSource random, int lines, String... args)
      throws IOException, InterruptedException {
    if (lines < 1) {
      throw new IllegalArgumentException("lines must be at least 1");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto",
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        writer.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command)
        .redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    while (newlines(out) < lines && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
    Thread.sleep(random.uniformLong(60));
    boolean running = p.isAlive();
    p.destroyForcibly();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the killed child did not end");
    }
    String text = Files.readString(out, StandardCharsets.US_ASCII);
    int end = text.lastIndexOf('\n');
    List<String> complete = new ArrayList<>();
    if (end >= 0) {
      for (String line : text.substring(0, end).split("\n", -1)) {
        if (!line.isBlank()) {
          complete.add(line.trim());
        }
      }
    }
    return new Run(complete, running);
  }

  private static long newlines(Path out) throws IOException {
    if (!Files.exists(out)) {
      return 0;
    }
    byte[] b = Files.readAllBytes(out);
    long n = 0;
    for (byte x : b) {
      if (x == '\n') {
        n++;
      }
    }
    return n;
  }
}
