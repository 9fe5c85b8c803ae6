package io.nn4j.mnist;

import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The {@code --backend} option: a backend by name, or the default choice when absent. */
final class BackendOption {
    /** The value that asks the training commands to time every backend and take the fastest. */
    static final String AUTO = "auto";

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend to run on: cpu, opencl, or auto (train, binary and csv only:"
                    + " time one training step on each available backend and take the fastest)."
                    + " Default: the nn.backend property, the NN_BACKEND variable, else the"
                    + " available backend of highest priority.")
    private String name;

    /** Whether {@code --backend auto} was given. */
    boolean isAuto() {
        return AUTO.equalsIgnoreCase(name);
    }

    /**
     * Opens the named backend, or the default choice without a name.
     *
     * @throws ParameterException for {@code auto}, which only training commands resolve
     */
    Backend open(CommandLine command) {
        if (isAuto()) {
            throw new ParameterException(command, "--backend auto times a training step, so only"
                    + " train, binary and csv take it; name a backend such as cpu");
        }
        return name == null ? Backends.load() : Backends.load(name);
    }
}
