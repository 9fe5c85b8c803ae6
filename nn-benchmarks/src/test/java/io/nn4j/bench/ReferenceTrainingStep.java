package io.nn4j.bench;

import io.nn4j.api.Activation;
import io.nn4j.api.Loss;
import io.nn4j.api.Shape;
import io.nn4j.api.testkit.ReferenceOps;
import java.util.ArrayList;
import java.util.List;

/**
 * One SGD step of a ReLU network with a softmax cross-entropy output, in float64, following
 * the backprop equations of {@link io.nn4j.api.nn.Dense}: {@code dZ = A − Y} at the output,
 * {@code dW = dZᵀ·X / M}, {@code db = column sums of dZ / M}, {@code dX = dZ·W}.
 */
final class ReferenceTrainingStep {
    /** The forward output before the update. */
    final double[] output;
    /** The summed cross-entropy of the batch before the update. */
    final double lossSum;
    /** Every parameter after the update, in the network's order (weights, bias per layer). */
    final List<double[]> updated = new ArrayList<>();

    /**
     * Runs the step for layer {@code widths}, initial {@code parameters} (weights
     * {@code [out, in]} then bias {@code [out]}, per layer), a batch of {@code rows} examples.
     */
    ReferenceTrainingStep(int[] widths, List<float[]> parameters, float[] features,
                          float[] targets, int rows, double learningRate) {
        int layers = widths.length - 1;
        List<double[]> inputs = new ArrayList<>();
        List<double[]> preActivations = new ArrayList<>();
        double[] x = ReferenceOps.widen(features);
        for (int l = 0; l < layers; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            double[] z = ReferenceOps.product(false, true, x, Shape.matrix(rows, in),
                    ReferenceOps.widen(parameters.get(2 * l)), Shape.matrix(out, in));
            float[] bias = parameters.get(2 * l + 1);
            for (int i = 0; i < z.length; i++) {
                z[i] += bias[i % out];
            }
            inputs.add(x);
            preActivations.add(z);
            x = ReferenceOps.activate(l == layers - 1 ? Activation.SOFTMAX : Activation.RELU,
                    z, rows, out);
        }
        output = x;
        double sum = 0;
        for (double example : ReferenceOps.exampleLosses(Loss.CATEGORICAL_CROSSENTROPY, output,
                ReferenceOps.widen(targets), rows, widths[layers])) {
            sum += example;
        }
        lossSum = sum;
        double[] dZ = new double[output.length];
        for (int i = 0; i < dZ.length; i++) {
            dZ[i] = output[i] - targets[i];
        }
        double[][] newParameters = new double[2 * layers][];
        for (int l = layers - 1; l >= 0; l--) {
            int in = widths[l];
            int out = widths[l + 1];
            double[] w = ReferenceOps.widen(parameters.get(2 * l));
            double[] dW = ReferenceOps.product(true, false, dZ, Shape.matrix(rows, out),
                    inputs.get(l), Shape.matrix(rows, in));
            double[] b = ReferenceOps.widen(parameters.get(2 * l + 1));
            for (int i = 0; i < w.length; i++) {
                w[i] -= learningRate * dW[i] / rows;
            }
            for (int i = 0; i < dZ.length; i++) {
                b[i % out] -= learningRate * dZ[i] / rows;
            }
            newParameters[2 * l] = w;
            newParameters[2 * l + 1] = b;
            if (l > 0) {
                double[] dX = ReferenceOps.product(false, false, dZ, Shape.matrix(rows, out),
                    ReferenceOps.widen(parameters.get(2 * l)), Shape.matrix(out, in));
                dZ = ReferenceOps.activationBackward(Activation.RELU, preActivations.get(l - 1),
                        dX, rows, in);
            }
        }
        updated.addAll(List.of(newParameters));
    }
}
