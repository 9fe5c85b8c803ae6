package io.nn4j.mnist;

import io.nn4j.api.train.Adam;
import io.nn4j.api.train.LearningRateSchedule;
import io.nn4j.api.train.Optimizer;
import io.nn4j.api.train.Sgd;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options that make the optimizer: kind, learning rate, momentum, weight decay, schedule. */
final class OptimizerOptions {
    private static final double SGD_RATE = 0.1;
    private static final double ADAM_RATE = 0.001;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "sgd",
            description = "sgd (with optional --momentum) or adam (default: ${DEFAULT-VALUE}).")
    private String optimizer;

    @Option(names = "--learning-rate", paramLabel = "RATE",
            description = "Base step size (default: " + SGD_RATE + " for sgd, " + ADAM_RATE
                    + " for adam).")
    private Double learningRate;

    @Option(names = "--momentum", paramLabel = "M", defaultValue = "0",
            description = "SGD momentum in [0, 1) (default: ${DEFAULT-VALUE}, plain SGD).")
    private float momentum;

    @Option(names = "--nesterov", description = "Use Nesterov momentum (needs --momentum).")
    private boolean nesterov;

    @Option(names = "--weight-decay", paramLabel = "WD", defaultValue = "0",
            description = "L2 weight decay added to every gradient (default: ${DEFAULT-VALUE}).")
    private float weightDecay;

    @Option(names = "--schedule", paramLabel = "SPEC", defaultValue = "constant",
            description = "Learning rate per epoch: constant; step:N:G to multiply it by G every N"
                    + " epochs (as in step:2:0.5); or cosine[:MIN] to anneal it over the epochs"
                    + " towards MIN times the base rate (MIN defaults to 0)"
                    + " (default: ${DEFAULT-VALUE}).")
    private String schedule;

    /** Checks the values against each other, naming the option and what was expected. */
    void check(CommandLine command, int epochs) {
        String kind = optimizer.toLowerCase(Locale.ROOT);
        if (!kind.equals("sgd") && !kind.equals("adam")) {
            throw new ParameterException(command, "--optimizer must be sgd or adam, got '"
                    + optimizer + "'");
        }
        double rate = learningRate();
        if (!(rate > 0) || Double.isInfinite(rate) || !((float) rate > 0)) {
            throw new ParameterException(command, "--learning-rate must be a positive finite"
                    + " number, got " + rate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new ParameterException(command, "--momentum must be in [0, 1), got " + momentum);
        }
        if ((momentum > 0 || nesterov) && kind.equals("adam")) {
            throw new ParameterException(command, "--momentum and --nesterov apply to sgd only;"
                    + " adam keeps its own moments");
        }
        if (nesterov && momentum == 0) {
            throw new ParameterException(command, "--nesterov needs --momentum above 0");
        }
        if (!(weightDecay >= 0) || Float.isInfinite(weightDecay)) {
            throw new ParameterException(command, "--weight-decay must be >= 0 and finite, got "
                    + weightDecay);
        }
        try {
            parseSchedule(epochs);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command, "--schedule '" + schedule + "': "
                    + e.getMessage());
        }
    }

    /** The base learning rate: as given, else the optimizer's usual one. */
    double learningRate() {
        if (learningRate != null) {
            return learningRate;
        }
        return isAdam() ? ADAM_RATE : SGD_RATE;
    }

    /** {@code sgd} or {@code adam}. */
    String kind() {
        return optimizer.toLowerCase(Locale.ROOT);
    }

    /** A new optimizer as the options describe, for a run of {@code epochs} epochs. */
    Optimizer create(int epochs) {
        float rate = (float) learningRate();
        Optimizer made = isAdam() ? new Adam(rate) : new Sgd(rate).momentum(momentum, nesterov);
        return made.weightDecay(weightDecay).schedule(parseSchedule(epochs));
    }

    /** The schedule as given on the command line. */
    String schedule() {
        return schedule;
    }

    private boolean isAdam() {
        return optimizer.equalsIgnoreCase("adam");
    }

    private LearningRateSchedule parseSchedule(int epochs) {
        String[] parts = schedule.toLowerCase(Locale.ROOT).split(":", -1);
        try {
            if (parts[0].equals("constant") && parts.length == 1) {
                return LearningRateSchedule.constant();
            }
            if (parts[0].equals("step") && parts.length == 3) {
                return LearningRateSchedule.step(Integer.parseInt(parts[1]),
                        Double.parseDouble(parts[2]));
            }
            if (parts[0].equals("cosine") && parts.length <= 2) {
                return LearningRateSchedule.cosine(epochs,
                        parts.length == 2 ? Double.parseDouble(parts[1]) : 0);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("expected constant, step:N:G or cosine[:MIN]");
    }
}
