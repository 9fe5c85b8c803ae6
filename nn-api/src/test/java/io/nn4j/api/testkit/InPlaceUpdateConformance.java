package io.nn4j.api.testkit;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.Parameter;
import io.nn4j.api.ParameterUpdate;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.Optimizer;
import io.nn4j.api.train.Sgd;
import java.util.List;

/**
 * Conformance of plain SGD applied while back-propagating ({@link Sequential#backward} given
 * {@link Sgd#parameterUpdate()}): every parameter must end where back-propagating with
 * {@link ParameterUpdate#STORE_GRADIENT} and then {@link Backend#sgdUpdate} on each gradient
 * leaves it. The backend under test runs both, so
 * this checks the weight update folded into the gradient GEMM ({@code β = 1 − ηλ},
 * {@code α = −η/m}) and that each layer hands its input gradient down before its weights change.
 */
public final class InPlaceUpdateConformance {
    private static final int BATCH = 7;
    private static final int INPUTS = 6;
    private static final int OUTPUTS = 4;
    private static final int STEPS = 3;

    private InPlaceUpdateConformance() {
    }

    /**
     * Three steps of two networks built from one seed (dense, dropout, dense, dense with the
     * loss's output activation), one updated in place and one through the gradients.
     */
    public static void check(Backend backend, Loss loss, float learningRate, float weightDecay) {
        String what = "in-place SGD (lr=" + learningRate + ", wd=" + weightDecay + ", loss "
                + loss.id() + ")";
        Activation output = loss.fusedActivation() != null ? loss.fusedActivation()
                : Activation.SIGMOID;
        Sequential.Builder network = Sequential.builder(INPUTS)
                .dense(8, Activation.TANH)
                .dropout(0.25f)
                .dense(5, Activation.LEAKY_RELU)
                .dense(OUTPUTS, output);
        RandomTensors random = RandomTensors.forCase(what);
        Shape outShape = Shape.matrix(BATCH, OUTPUTS);
        long seed = what.hashCode();
        try (Optimizer sgd = new Sgd(learningRate).weightDecay(weightDecay);
             Sequential inPlace = network.build(backend, seed);
             Sequential reference = network.build(backend, seed);
             Tensor gradient = backend.zeros(outShape)) {
            for (int step = 0; step < STEPS; step++) {
                float[] x = random.uniform(BATCH * INPUTS, -1, 1);
                float[] y = LossConformance.targets(loss, outShape, random);
                try (Tensor tx = backend.fromArray(x, Shape.matrix(BATCH, INPUTS));
                     Tensor ty = backend.fromArray(y, LossConformance.targetShape(loss, outShape))) {
                    backend.lossGradient(loss, reference.forward(tx, true), ty, gradient);
                    reference.backward(gradient, loss, ParameterUpdate.STORE_GRADIENT);
                    for (Parameter p : reference.parameters()) {
                        backend.sgdUpdate(p.value(), p.gradient(), learningRate, weightDecay);
                    }
                    backend.lossGradient(loss, inPlace.forward(tx, true), ty, gradient);
                    inPlace.backward(gradient, loss, sgd.parameterUpdate());
                    sgd.finishStep(inPlace.parameters());
                }
                compare(backend, what + " step " + step, reference.parameters(),
                        inPlace.parameters());
            }
        }
    }

    private static void compare(Backend backend, String what, List<Parameter> expected,
                                List<Parameter> actual) {
        for (int i = 0; i < expected.size(); i++) {
            Parameter p = expected.get(i);
            Shape shape = p.value().shape();
            KitAssertions.assertClose(what + ": " + p.name(), backend.toArray(p.value()),
                    backend.toArray(actual.get(i).value()), shape.rank() == 2 ? shape.cols()
                            : shape.size(), Tolerances.IN_PLACE_UPDATE);
        }
    }
}
