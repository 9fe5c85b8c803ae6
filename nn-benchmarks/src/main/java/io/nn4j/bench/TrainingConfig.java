package io.nn4j.bench;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.nn.Sequential;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A network and batch size for {@link TrainingStepBenchmark}: layer widths from input to output
 * (ReLU hidden layers, a softmax output) and the examples per step.
 *
 * <p>Immutable: safe to share between threads.
 *
 * @param widths    the widths of the input, each hidden layer and the output
 * @param batchSize examples per training step
 */
public record TrainingConfig(int[] widths, int batchSize) {
    /** Config S: 784-128-10, batch 64. */
    public static final TrainingConfig SMALL = new TrainingConfig(new int[] {784, 128, 10}, 64);
    /** Config L: 784-1024-1024-10, batch 256. */
    public static final TrainingConfig LARGE =
            new TrainingConfig(new int[] {784, 1024, 1024, 10}, 256);

    /** Copies the widths and checks there are at least two, all positive. */
    public TrainingConfig {
        widths = widths.clone();
        if (widths.length < 2 || Arrays.stream(widths).anyMatch(w -> w < 1) || batchSize < 1) {
            throw new IllegalArgumentException("training config " + Arrays.toString(widths)
                    + " batch " + batchSize + ": expected at least two positive widths and a "
                    + "positive batch size");
        }
    }

    /**
     * {@code S}, {@code L}, or an explicit {@code IN-HIDDEN...-OUT/BATCH} such as
     * {@code 784-128-10/64}.
     *
     * @throws IllegalArgumentException naming the accepted forms otherwise
     */
    public static TrainingConfig parse(String value) {
        if ("S".equalsIgnoreCase(value)) {
            return SMALL;
        }
        if ("L".equalsIgnoreCase(value)) {
            return LARGE;
        }
        String[] parts = value == null ? new String[0] : value.split("/", -1);
        if (parts.length == 2) {
            try {
                int[] widths = Arrays.stream(parts[0].split("-", -1)).map(String::trim)
                        .mapToInt(Integer::parseInt).toArray();
                return new TrainingConfig(widths, Integer.parseInt(parts[1].trim()));
            } catch (NumberFormatException e) {
                throw invalid(value, e);
            }
        }
        throw invalid(value, null);
    }

    private static IllegalArgumentException invalid(String value, Throwable cause) {
        return new IllegalArgumentException("training config '" + value + "': expected S, L or "
                + "widths and batch size such as 784-128-10/64", cause);
    }

    /** The widths, input first. */
    @Override
    public int[] widths() {
        return widths.clone();
    }

    /**
     * The network on {@code backend}, its weights drawn from {@code seed}: dense layers of these
     * widths, ReLU between them and softmax at the output.
     */
    public Sequential build(Backend backend, long seed) {
        Sequential.Builder builder = Sequential.builder(widths[0]);
        for (int i = 1; i < widths.length; i++) {
            builder.dense(widths[i], i == widths.length - 1 ? Activation.SOFTMAX : Activation.RELU);
        }
        return builder.build(backend, seed);
    }

    /** {@code 784-128-10/64}. */
    @Override
    public String toString() {
        return Arrays.stream(widths).mapToObj(Integer::toString).collect(Collectors.joining("-"))
                + "/" + batchSize;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrainingConfig config && config.batchSize == batchSize
                && Arrays.equals(config.widths, widths);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(widths) + batchSize;
    }
}
