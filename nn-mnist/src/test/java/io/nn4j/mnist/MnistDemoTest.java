package io.nn4j.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The command line without real data: help, bad usage, and failures that need no data. */
class MnistDemoTest {
    private static final List<String> COMMANDS = List.of("train", "eval", "predict", "binary",
            "backends", "explain", "csv", "export");

    @TempDir
    Path dir;

    @Test
    void helpListsEveryCommand() {
        DemoRun run = DemoRun.of("--help");
        String out = run.succeeded();
        for (String command : COMMANDS) {
            assertTrue(out.contains(command), command + " missing from:\n" + out);
        }
        assertEquals("", run.err());
    }

    @Test
    void aCommandLineForOneCommandHoldsOnlyThatOneAndAnyOtherHoldsThemAll() {
        assertEquals(List.of("train"), List.copyOf(MnistDemo.commandLineFor("train", "--epochs",
                "1").getSubcommands().keySet()));
        assertEquals(COMMANDS, List.copyOf(MnistDemo.commandLineFor("--help").getSubcommands()
                .keySet()));
        assertEquals(COMMANDS, List.copyOf(MnistDemo.commandLineFor().getSubcommands().keySet()));
        assertEquals(COMMANDS, List.copyOf(MnistDemo.commandLineFor("trian").getSubcommands()
                .keySet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "eval", "predict", "binary", "backends", "explain", "csv",
        "export"})
    void everyCommandsHelpDescribesEveryOption(String command) {
        String out = DemoRun.of(command, "--help").succeeded();
        CommandLine sub = MnistDemo.commandLine().getSubcommands().get(command);
        assertTrue(sub.getCommandSpec().options().size() >= 1, command);
        for (OptionSpec option : sub.getCommandSpec().options()) {
            assertTrue(out.contains(option.longestName()), option.longestName()
                    + " missing from the help of " + command + ":\n" + out);
            assertTrue(option.description().length > 0 && !option.description()[0].isBlank(),
                    option.longestName() + " of " + command + " has no description");
        }
    }

    @Test
    void trainHelpNamesTheNewOptions() {
        String out = DemoRun.of("train", "--help").succeeded();
        for (String option : new String[] {"--dataset", "--optimizer", "--momentum", "--nesterov",
                "--weight-decay", "--schedule", "--dropout", "--checkpoint-dir", "--resume",
                "--save-model", "--report-dir", "--no-progress", "--backend"}) {
            assertTrue(out.contains(option), option + " missing from:\n" + out);
        }
        assertTrue(out.contains("target/mnist-report"), out);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "train --bogus                 | Unknown option: '--bogus'",
        "train --epochs 0              | --epochs must be at least 1, got 0",
        "train --epochs many           | Invalid value for option '--epochs'",
        "train --epochs 2 --epochs 0   | --epochs must be at least 1, got 0",
        "train --batch-size -3         | --batch-size must be at least 1, got -3",
        "train --learning-rate -0.5    | --learning-rate must be a positive finite number",
        "train --learning-rate NaN     | --learning-rate must be a positive finite number",
        "train --hidden 128,0          | --hidden sizes must each be at least 1, got [128, 0]",
        "train --hidden 12x            | Invalid value for option '--hidden'",
        "train --activation swish      | unknown activation 'swish'; expected one of",
        "train --seed                  | Missing required parameter for option '--seed'",
        "train --dropout 1             | --dropout must be in [0, 1), got 1.0",
        "train --optimizer rmsprop     | --optimizer must be sgd or adam, got 'rmsprop'",
        "train --optimizer adam --momentum 0.9 | --momentum and --nesterov apply to sgd only",
        "train --momentum 1            | --momentum must be in [0, 1), got 1.0",
        "train --nesterov              | --nesterov needs --momentum above 0",
        "train --weight-decay -1       | --weight-decay must be >= 0 and finite, got -1.0",
        "train --schedule linear       | --schedule 'linear': expected constant, step:N:G or cosine",
        "train --schedule step:0:0.5   | --schedule 'step:0:0.5': step schedule needs",
        "train --schedule cosine:x     | --schedule 'cosine:x': not a number",
        "train --dataset cifar         | unknown data set 'cifar'; expected one of mnist, fashion",
        "train --train-size 0          | --train-size must be at least 1, got 0",
        "train --resume                | --resume needs --checkpoint-dir",
        "binary --threshold 1.5        | --threshold must be in [0, 1], got 1.5",
        "binary --positive 10          | --positive must be a class in [0, 9], got 10",
        "eval                          | Missing required argument (specify one of these): (--m",
        "eval --model m --backend auto | --backend auto times a training step",
        "predict --model m             | Error: Missing required argument (specify one of these)",
        "predict --model m --index 1 --image x.png | mutually exclusive",
        "predict --model m --index 1 --label y | --label and --features go with --csv",
        "csv --label y                 | Missing required option: '--file=CSV'",
        "csv --file f.csv --label y --task ranking | --task must be classification or regression",
        "csv --file f.csv --label y --scale robust | --scale must be standard, minmax or none",
        "csv --file f.csv --label y --test-fraction 1 | --test-fraction must be in (0, 1), got 1.0",
        "csv --file f.csv --label y --early-stopping 0 | --early-stopping must be at least 1",
        "explain --layers 4            | --layers must list 2 to 6 sizes, each 1 to 16, got [4]",
        "explain --layers 4,17         | --layers must list 2 to 6 sizes, each 1 to 16",
        "explain --activation swish    | unknown activation 'swish'; expected one of identity,",
        "explain --loss hinge          | --loss: unknown loss 'hinge'; expected one of",
        "explain --epsilon 0           | --epsilon must be in (0, 1), got 0.0",
        "''                            | missing command; expected one of: train, eval, predict",
        "fit                           | Unmatched argument at index 0: 'fit'",
        "predict --model m --onnx o --index 0 | --model=FILE, --onnx=FILE are mutually exclusive",
        "export --model m.nn4j         | Missing required option: '--onnx=FILE'",
    })
    void badUsageExitsWithOneLine(String arguments, String expected) {
        DemoRun run = DemoRun.of(arguments.isEmpty() ? new String[0] : arguments.split(" "));
        run.failedWithOneLine(MnistDemo.EXIT_USAGE, expected);
        assertEquals("", run.out());
    }

    @Test
    void missingDataFailsWithOneLineNamingTheFetchScript() {
        DemoRun run = DemoRun.of("train", "--backend", "cpu", "--data-dir", dir.toString());
        run.failedWithOneLine(MnistDemo.EXIT_FAILURE, "scripts/fetch-mnist.sh");
        assertTrue(run.err().contains("train-images-idx3-ubyte"), run.err());
    }

    @Test
    void missingFashionDataNamesItsScript() {
        DemoRun run = DemoRun.of("eval", "--model", "m.nn4j", "--dataset", "fashion",
                "--data-dir", dir.toString());
        run.failedWithOneLine(MnistDemo.EXIT_FAILURE, "scripts/fetch-fashion-mnist.sh");
    }

    @Test
    void unknownBackendFailsWithOneLineListingTheBackends() {
        DemoRun run = DemoRun.of("explain", "--backend", "abacus");
        run.failedWithOneLine(MnistDemo.EXIT_FAILURE, "no backend named 'abacus'");
        assertTrue(run.err().contains("cpu"), run.err());
    }

    @Test
    void predictOnAMissingImageFailsWithOneLine() {
        DemoRun run = DemoRun.of("predict", "--model", "m.nn4j", "--image",
                dir.resolve("absent.png").toString());
        run.failedWithOneLine(MnistDemo.EXIT_FAILURE, "absent.png");
    }

    @Test
    void existingCheckpointsAreOnlyContinuedWhenAsked() throws Exception {
        Files.writeString(dir.resolve("checkpoint-epoch-0002.nn4j"), "x");
        DemoRun run = DemoRun.of("train", "--checkpoint-dir", dir.toString());
        run.failedWithOneLine(MnistDemo.EXIT_USAGE, "checkpoint-epoch-0002.nn4j; pass --resume");
        assertFalse(run.err().contains("Exception"), run.err());
    }
}
