package io.nn4j.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One in-process run of the demo's command line with its output captured.
 *
 * @param exitCode the command's exit code
 * @param out      what it printed to standard output
 * @param err      what it printed to standard error
 */
record DemoRun(int exitCode, String out, String err) {

    /** Runs the command line on {@code args}, as {@code main} does. */
    static DemoRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = MnistDemo.commandLineFor(args);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new DemoRun(exitCode, out.toString(), err.toString());
    }

    /** Asserts a successful run and returns its standard output. */
    String succeeded() {
        assertEquals(0, exitCode, "exit code; standard error:\n" + err + "\nstandard output:\n"
                + out);
        return out;
    }

    /** Asserts that standard error holds exactly one line, containing {@code expected}. */
    void failedWithOneLine(int expectedExitCode, String expected) {
        assertEquals(expectedExitCode, exitCode, err);
        String line = err.strip();
        assertTrue(line.contains(expected), "expected '" + expected + "' in:\n" + err);
        assertEquals(-1, line.indexOf('\n'), "expected one line, got:\n" + err);
    }
}
