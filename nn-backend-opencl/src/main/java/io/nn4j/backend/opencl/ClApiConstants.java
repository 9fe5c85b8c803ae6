package io.nn4j.backend.opencl;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import java.util.StringJoiner;

/**
 * What the layer and loss kernels share with nn-api, handed to every program as
 * {@code -D NAME=value} build options so that no {@code .cl} file repeats it: the code of each
 * {@link Activation} ({@code ACT_RELU}, …) and each {@link Loss} ({@code LOSS_MEAN_SQUARED_ERROR},
 * …), which is its ordinal and what the launchers pass ({@link #code}), and the constants
 * {@code LEAKY_RELU_SLOPE}, {@code LOG_CLAMP} and {@code BINARY_THRESHOLD}, written as exact
 * hexadecimal float literals. Stateless.
 */
final class ClApiConstants {
    private ClApiConstants() {
    }

    /** Every code and constant as build options. */
    static String buildOptions() {
        StringJoiner options = new StringJoiner(" ");
        for (Activation activation : Activation.values()) {
            options.add(define("ACT_" + activation.name(), Integer.toString(code(activation))));
        }
        for (Loss loss : Loss.values()) {
            options.add(define("LOSS_" + loss.name(), Integer.toString(code(loss))));
        }
        options.add(define("LEAKY_RELU_SLOPE", literal(Activation.LEAKY_RELU_SLOPE)));
        options.add(define("LOG_CLAMP", literal(Loss.LOG_CLAMP)));
        options.add(define("BINARY_THRESHOLD", literal(Backend.BINARY_THRESHOLD)));
        return options.toString();
    }

    /** The kernels' code of {@code activation}. */
    static int code(Activation activation) {
        return activation.ordinal();
    }

    /** The kernels' code of {@code loss}. */
    static int code(Loss loss) {
        return loss.ordinal();
    }

    private static String define(String name, String value) {
        return "-D " + name + "=" + value;
    }

    /** {@code value} exactly, as an OpenCL C float literal. */
    private static String literal(float value) {
        return Float.toHexString(value) + "f";
    }
}
