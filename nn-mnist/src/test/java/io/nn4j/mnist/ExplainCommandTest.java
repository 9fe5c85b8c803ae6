package io.nn4j.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ExplainCommandTest {
    private static final Pattern ROW = Pattern.compile(
            "^ {6}([Wb]\\d\\[[\\d,]+\\]) +([-+]\\d+\\.\\d+) +([-+]\\d+\\.\\d+) +(\\S+)$",
            Pattern.MULTILINE);

    @Test
    void defaultShowsEveryQuantityOfA423SigmoidNetwork() {
        String out = DemoRun.of("explain").succeeded();
        assertTrue(out.startsWith("explain: one forward and backward pass of a 4-2-3 network"),
                out);
        for (String expected : List.of("x = a0                             [1, 4]",
                "y (target)                         [1, 3]",
                "W1                                 [2, 4]",
                "b1                                 [2]",
                "z1 = a0 * W1^T + b1                [1, 2]",
                "a1 = sigmoid(z1)                   [1, 2]",
                "z2 = a1 * W2^T + b2                [1, 3]", "dC/da2 = 2 (a2 - y) / 3",
                "f'(z2)", "(1) delta2 = dC/da2 o f'(z2)", "(2) dC/da1 = delta2 * W2",
                "(1) delta1 = dC/da1 o f'(z1)", "(3) dC/dW2 = delta2^T * a1  [3, 2]",
                "(4) dC/db1 = delta1  [2]", "loss C = mean_j (a2_j - y_j)^2 = ")) {
            assertTrue(out.contains(expected), "'" + expected + "' missing from:\n" + out);
        }
        assertEquals(4 * 2 + 2 + 2 * 3 + 3, gradientRows(out, 1e-4));
        assertTrue(out.contains("over 19 parameters: backprop agrees with the finite"
                + " differences"), out);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "3,2,1   | tanh     | mse                      | 11 | delta2 = dC/da2 o f'(z2)",
        "3,4,2   | relu     | categorical_crossentropy | 26 | (1) delta2 = a2 - y",
        "2,3,3,2 | elu      | binary_crossentropy      | 29 | (1) delta3 = (a3 - y) / 2",
        "5,3     | softplus | mse                      | 18 | (1) delta1 = dC/da1 o f'(z1)",
    })
    void gradientsAgreeWithFiniteDifferencesForOtherNetworks(String layers, String activation,
                                                             String loss, int parameters,
                                                             String equation) {
        String out = DemoRun.of("explain", "--layers", layers, "--activation", activation,
                "--loss", loss, "--seed", "3").succeeded();
        assertTrue(out.contains(equation), equation + " missing from:\n" + out);
        assertEquals(parameters, gradientRows(out, 1e-3));
        assertTrue(out.contains("over " + parameters + " parameters: backprop agrees"), out);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void everyActivationIsExplained(Activation f) {
        String out = DemoRun.of("explain", "--layers", "3,4,2", "--activation", f.id(), "--seed",
                "5").succeeded();
        String equation = f == Activation.SOFTMAX ? "(1) delta2 = a2 o (dC/da2 - dC/da2 . a2)"
                : "(1) delta2 = dC/da2 o f'(z2)";
        assertTrue(out.contains("a1 = " + f.id() + "(z1)"), out);
        assertTrue(out.contains(equation), equation + " missing from:\n" + out);
        assertEquals(26, gradientRows(out, 1e-3));
        assertTrue(out.contains("over 26 parameters: backprop agrees"), out);
    }

    /** Counts the gradient rows, asserting each one's relative error is below {@code bound}. */
    private static int gradientRows(String out, double bound) {
        Matcher row = ROW.matcher(out);
        int rows = 0;
        while (row.find()) {
            double backprop = Double.parseDouble(row.group(2));
            double finite = Double.parseDouble(row.group(3));
            double error = Double.parseDouble(row.group(4));
            assertTrue(error < bound, row.group() + "\n" + out);
            assertEquals(backprop, finite, 1e-6, row.group());
            rows++;
        }
        return rows;
    }
}
