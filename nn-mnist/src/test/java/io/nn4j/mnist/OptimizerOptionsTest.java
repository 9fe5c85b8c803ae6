package io.nn4j.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nn4j.api.train.Optimizer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OptimizerOptionsTest {

    @Test
    void defaultsToSgdAtTenthWithAConstantRate() {
        try (Optimizer sgd = parse().create(5)) {
            assertEquals("SGD(learning rate 0.1)", sgd.toString());
            sgd.startEpoch(4);
            assertEquals(0.1f, sgd.learningRate());
        }
    }

    @Test
    void adamDefaultsToItsOwnRateAndTakesWeightDecay() {
        try (Optimizer adam = parse("--optimizer", "ADAM", "--weight-decay", "0.0005")
                .create(5)) {
            assertEquals("Adam(learning rate 0.001, beta1 0.9, beta2 0.999, weight decay 5.0E-4)",
                    adam.toString());
        }
    }

    @Test
    void momentumNesterovAndAStepSchedule() {
        try (Optimizer sgd = parse("--learning-rate", "0.2", "--momentum", "0.9", "--nesterov",
                "--schedule", "step:2:0.5").create(6)) {
            assertEquals("SGD(learning rate 0.2, momentum 0.9 nesterov)", sgd.toString());
            sgd.startEpoch(3);
            assertEquals(0.1f, sgd.learningRate(), 1e-7f);
            sgd.startEpoch(4);
            assertEquals(0.05f, sgd.learningRate(), 1e-7f);
        }
    }

    @Test
    void cosineAnnealsTowardsItsMinimumOverTheEpochs() {
        try (Optimizer sgd = parse("--schedule", "cosine:0.1").create(4)) {
            sgd.startEpoch(2);
            assertEquals(0.055f, sgd.learningRate(), 1e-7f);
            sgd.startEpoch(3);
            assertEquals(0.01f + 0.09f * (1 + (float) Math.cos(0.75 * Math.PI)) / 2,
                    sgd.learningRate(), 1e-7f);
        }
    }

    private static OptimizerOptions parse(String... args) {
        OptimizerOptions options = new OptimizerOptions();
        CommandLine commandLine = new CommandLine(options);
        commandLine.parseArgs(args);
        options.check(commandLine, 5);
        return options;
    }
}
