package io.nn4j.mnist;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The MNIST demo's entry point: {@code java -jar nn-mnist.jar COMMAND [options]}, with the
 * commands {@code train}, {@code eval}, {@code predict}, {@code binary}, {@code backends},
 * {@code explain} and {@code csv}. An option given twice takes its last value, so scripts can
 * put defaults first. Charts and pictures are drawn headless: the demo never opens a window.
 *
 * <p>A bad option or value, or a failed run, ends with one line on standard error and a
 * non-zero exit code: {@value #EXIT_USAGE} for usage errors, {@value #EXIT_FAILURE} for runs
 * that fail (missing data, an unavailable backend, divergence).
 *
 * <p>Not safe to share between threads: one instance runs one command.
 */
@Command(name = "nn-mnist",
        description = "Train, evaluate and explain dense neural networks on MNIST and"
                + " Fashion-MNIST, or on any CSV file, on a pluggable compute backend.")
public final class MnistDemo implements Runnable {
    /** Exit code of a bad command line. */
    public static final int EXIT_USAGE = 2;
    /** Exit code of a run that failed. */
    public static final int EXIT_FAILURE = 1;

    private static final Logger LOG = LoggerFactory.getLogger(MnistDemo.class);

    /** The commands, in the order help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(TrainCommand.class,
            EvalCommand.class, PredictCommand.class, BinaryCommand.class, BackendsCommand.class,
            ExplainCommand.class, CsvCommand.class, ExportCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    /** Parses {@code args}, runs the command and exits with its code. */
    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(commandLineFor(args).execute(args));
    }

    /** The command line with every command and one-line error reporting; not yet executed. */
    public static CommandLine commandLine() {
        return withCommands(COMMANDS);
    }

    /**
     * The command line to execute {@code args} with: when they start with a command's name, it
     * holds only that command (picocli reads every option of every command it holds, which for
     * all eight costs a start of the demo about a tenth of a second more), else every command.
     */
    public static CommandLine commandLineFor(String... args) {
        for (Class<?> command : COMMANDS) {
            if (args.length > 0 && command.getAnnotation(Command.class).name().equals(args[0])) {
                return withCommands(List.of(command));
            }
        }
        return commandLine();
    }

    private static CommandLine withCommands(List<Class<?>> commands) {
        System.setProperty("java.awt.headless", "true");
        CommandLine commandLine = new CommandLine(new MnistDemo());
        commands.forEach(commandLine::addSubcommand);
        commandLine.setOverwrittenOptionsAllowed(true);
        commandLine.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": "
                    + ex.getMessage() + " (see --help)");
            return EXIT_USAGE;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            String name = cmd.getCommandSpec().qualifiedName();
            LOG.debug("{} failed", name, ex);
            String reason = ex.getMessage() != null ? ex.getMessage() : ex.toString();
            cmd.getErr().println(name + " failed: " + reason);
            return EXIT_FAILURE;
        });
        return commandLine;
    }

    /** Without a subcommand there is nothing to do: a usage error. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command; expected one of: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
