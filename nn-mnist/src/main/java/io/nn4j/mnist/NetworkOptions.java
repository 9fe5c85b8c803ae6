package io.nn4j.mnist;

import io.nn4j.api.Activation;
import io.nn4j.api.nn.Architecture;
import io.nn4j.api.nn.Sequential;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/** The options that shape a dense network: hidden layer sizes, activation and dropout. */
final class NetworkOptions {

    @Option(names = "--hidden", split = ",", paramLabel = "SIZES", defaultValue = "128",
            description = "Hidden layer sizes, comma-separated, e.g. 256,128 (default: ${DEFAULT-VALUE}).")
    private List<Integer> hidden;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu",
            converter = ActivationConverter.class,
            description = "Hidden activation: relu, leaky_relu, gelu, elu, silu, softplus, tanh,"
                    + " sigmoid or identity (default: ${DEFAULT-VALUE}).")
    private Activation activation;

    @Option(names = "--dropout", paramLabel = "RATE", defaultValue = "0",
            description = "Dropout rate after each hidden layer while training, in [0, 1)"
                    + " (default: ${DEFAULT-VALUE}, none).")
    private float dropout;

    /** Checks the values, naming the option and what was expected. */
    void check(CommandLine command) {
        if (hidden.isEmpty() || !hidden.stream().allMatch(units -> units >= 1)) {
            throw new ParameterException(command, "--hidden sizes must each be at least 1, got "
                    + hidden);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new ParameterException(command, "--dropout must be in [0, 1), got " + dropout);
        }
    }

    /** The hidden layer sizes, input side first. */
    List<Integer> hidden() {
        return hidden;
    }

    /** The hidden activation. */
    Activation activation() {
        return activation;
    }

    /** The dropout rate after each hidden layer. */
    float dropout() {
        return dropout;
    }

    /** The network: {@code inputs}, the hidden layers (with dropout), then the output layer. */
    Architecture architecture(int inputs, int outputs, Activation output) {
        Sequential.Builder builder = Sequential.builder(inputs);
        for (int units : hidden) {
            builder.dense(units, activation);
            if (dropout > 0) {
                builder.dropout(dropout);
            }
        }
        return builder.dense(outputs, output).architecture();
    }

    /** A one-line description, e.g. {@code 784 -> [128] (relu, dropout 0.2) -> 10 (softmax)}. */
    String describe(int inputs, int outputs, Activation output) {
        return inputs + " -> " + hidden.stream().map(String::valueOf)
                .collect(Collectors.joining(", ", "[", "]")) + " (" + activation.id()
                + (dropout > 0 ? ", dropout " + dropout : "") + ") -> " + outputs + " ("
                + output.id() + ")";
    }

    /** Reads an {@link Activation} by its id, with the list of known ids when none matches. */
    static final class ActivationConverter implements ITypeConverter<Activation> {
        @Override
        public Activation convert(String value) {
            try {
                return Activation.byId(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
