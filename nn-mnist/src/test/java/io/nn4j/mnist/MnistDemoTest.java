package io.nn4j.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class MnistDemoTest {
    @TempDir
    Path dir;

    @Test
    void helpListsTheTrainCommand() {
        Run run = Run.of("--help");
        assertEquals(0, run.exitCode);
        assertTrue(run.out.contains("train"), run.out);
        assertEquals("", run.err);
    }

    @Test
    void trainHelpListsEveryOption() {
        Run run = Run.of("train", "--help");
        assertEquals(0, run.exitCode);
        for (String option : new String[] {"--backend", "--hidden", "--activation", "--epochs",
                "--batch-size", "--learning-rate", "--seed", "--data-dir", "--summary-json"}) {
            assertTrue(run.out.contains(option), option + " missing from:\n" + run.out);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "train --bogus                 | Unknown option: '--bogus'",
        "train --epochs 0              | --epochs must be at least 1, got 0",
        "train --epochs many           | Invalid value for option '--epochs'",
        "train --batch-size -3         | --batch-size must be at least 1, got -3",
        "train --learning-rate -0.5    | --learning-rate must be a positive finite number",
        "train --learning-rate NaN     | --learning-rate must be a positive finite number",
        "train --hidden 128,0          | --hidden sizes must each be at least 1, got [128, 0]",
        "train --hidden 12x            | Invalid value for option '--hidden'",
        "train --activation swish      | unknown activation 'swish'; expected one of",
        "train --seed                  | Missing required parameter for option '--seed'",
        "''                            | missing command; expected: train",
        "fit                           | Unmatched argument at index 0: 'fit'",
    })
    void badUsageExitsWithOneLine(String arguments, String expected) {
        Run run = Run.of(arguments.isEmpty() ? new String[0] : arguments.split(" "));
        assertEquals(MnistDemo.EXIT_USAGE, run.exitCode, run.err);
        assertOneLineContaining(run.err, expected);
        assertEquals("", run.out);
    }

    @Test
    void missingDataFailsWithOneLineNamingTheFetchScript() {
        Run run = Run.of("train", "--backend", "cpu", "--data-dir", dir.toString());
        assertEquals(MnistDemo.EXIT_FAILURE, run.exitCode, run.err);
        assertOneLineContaining(run.err, "scripts/fetch-mnist.sh");
        assertTrue(run.err.contains("train-images-idx3-ubyte"), run.err);
    }

    @Test
    void unknownBackendFailsWithOneLineListingTheBackends() {
        Run run = Run.of("train", "--backend", "abacus", "--data-dir", dir.toString());
        assertEquals(MnistDemo.EXIT_FAILURE, run.exitCode, run.err);
        assertOneLineContaining(run.err, "no backend named 'abacus'");
        assertTrue(run.err.contains("cpu"), run.err);
    }

    private static void assertOneLineContaining(String text, String expected) {
        String line = text.strip();
        assertTrue(line.contains(expected), text);
        assertEquals(-1, line.indexOf('\n'), "expected one line, got:\n" + text);
    }

    /** One in-process run of the command line with its output captured. */
    private record Run(int exitCode, String out, String err) {
        static Run of(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine commandLine = MnistDemo.commandLine();
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            int exitCode = commandLine.execute(args);
            return new Run(exitCode, out.toString(), err.toString());
        }
    }
}
