package io.nn4j.mnist;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command of the demo: picocli injects its spec (the output streams, and the command line that
 * usage errors name), and it answers {@code -h}/{@code --help}. Not safe to share between
 * threads: one instance runs one command line.
 */
abstract class DemoCommand implements Callable<Integer> {

    /** This command as picocli parsed it. */
    @Spec
    protected CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;
}
