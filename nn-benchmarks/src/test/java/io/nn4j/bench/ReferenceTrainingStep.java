package io.nn4j.bench;

import io.nn4j.api.Activation;
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
        double[] x = Float64Reference.widen(features);
        for (int l = 0; l < layers; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            double[] z = Float64Reference.gemm(false, true, x, rows, in,
                    Float64Reference.widen(parameters.get(2 * l)), out, in);
            float[] bias = parameters.get(2 * l + 1);
            for (int i = 0; i < z.length; i++) {
                z[i] += bias[i % out];
            }
            inputs.add(x);
            preActivations.add(z);
            x = Float64Reference.activate(l == layers - 1 ? Activation.SOFTMAX : Activation.RELU,
                    z, rows, out);
        }
        output = x;
        lossSum = Float64Reference.crossEntropySum(output, targets);
        double[] dZ = new double[output.length];
        for (int i = 0; i < dZ.length; i++) {
            dZ[i] = output[i] - targets[i];
        }
        double[][] newParameters = new double[2 * layers][];
        for (int l = layers - 1; l >= 0; l--) {
            int in = widths[l];
            int out = widths[l + 1];
            double[] w = Float64Reference.widen(parameters.get(2 * l));
            double[] dW = Float64Reference.gemm(true, false, dZ, rows, out, inputs.get(l), rows, in);
            double[] b = Float64Reference.widen(parameters.get(2 * l + 1));
            for (int i = 0; i < w.length; i++) {
                w[i] -= learningRate * dW[i] / rows;
            }
            for (int i = 0; i < dZ.length; i++) {
                b[i % out] -= learningRate * dZ[i] / rows;
            }
            newParameters[2 * l] = w;
            newParameters[2 * l + 1] = b;
            if (l > 0) {
                double[] dX = Float64Reference.gemm(false, false, dZ, rows, out,
                        Float64Reference.widen(parameters.get(2 * l)), out, in);
                dZ = Float64Reference.backward(Activation.RELU, preActivations.get(l - 1),
                        inputs.get(l), dX, rows, in);
            }
        }
        updated.addAll(List.of(newParameters));
    }
}
