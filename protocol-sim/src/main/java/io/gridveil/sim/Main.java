// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

import io.gridveil.sim.run.AggregateChecker;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine;

/**
 * The {@code gridveil} program (spec/sim.md §2): {@code simulate}, {@code compare} and
 * {@code attack}.
 *
 * <p>Exit codes: 0 success, 2 a bad option or malformed data file (one line on stderr naming the
 * problem), 3 a wrong aggregate (must never happen), 1 any other failure. No stack trace is ever
 * printed.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the program and exits with its code.
   *
   * @param args the command line
   */
  // On JDK 17 to 21, System.console() is null exactly when stdin or stdout is not a terminal,
  // which is the test the progress display needs (spec/sim.md §6.3).
  @SuppressWarnings("SystemConsoleNull")
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code;
    try {
      code =
          run(
              args,
              out,
              err,
              new Environment(AggregateChecker.strict(), Drivers::create, System.console() != null));
    } catch (OutOfMemoryError e) {
      err.println("gridveil: out of memory; give the JVM more with GRIDVEIL_JAVA_OPTS=-Xmx4g");
      code = ExitCodes.INTERNAL;
    } catch (Error | RuntimeException e) {
      // Never a stack trace (spec/sim.md §6.2): one line naming the failure.
      err.println("gridveil: internal error: " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()));
      code = ExitCodes.INTERNAL;
    }
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs the program without exiting, for tests.
   *
   * @param args the command line
   * @param out standard output
   * @param err standard error
   * @param env the checker, the drivers and whether stdout is a terminal
   * @return the exit code
   */
  static int run(String[] args, PrintWriter out, PrintWriter err, Environment env) {
    CommandLine cl = new CommandLine(new GridveilCommand());
    cl.addSubcommand(new SimulateCommand(env));
    cl.addSubcommand(new CompareCommand(env));
    cl.addSubcommand(new AttackCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          String command = ex.getCommandLine().getCommandName();
          err.println(
              command
                  + ": "
                  + oneLine(ex.getMessage())
                  + " (see: gridveil "
                  + (command.equals("gridveil") ? "" : command + " ")
                  + "--help)");
          err.flush();
          return ExitCodes.USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          err.println("gridveil: internal error: " + ex.getClass().getSimpleName() + ": " + oneLine(ex.getMessage()));
          err.flush();
          return ExitCodes.INTERNAL;
        });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * Keeps the first line of a message.
   *
   * @param message a message
   * @return its first line
   */
  static String oneLine(@Nullable String message) {
    String m = Objects.requireNonNullElse(message, "");
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).strip();
  }

  /**
   * What the program runs with: the checker, the scheme drivers and the kind of stdout.
   *
   * @param checker the aggregate checker
   * @param drivers creates the scheme drivers
   * @param terminal whether stdout is a terminal (a progress bar) or not (progress lines)
   */
  record Environment(AggregateChecker checker, DriverFactory drivers, boolean terminal) {}
}
