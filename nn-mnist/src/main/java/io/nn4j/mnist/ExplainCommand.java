package io.nn4j.mnist;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.Loss;
import io.nn4j.api.Parameter;
import io.nn4j.api.ParameterUpdate;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.reference.ReferenceActivations;
import io.nn4j.api.reference.ReferenceLosses;
import io.nn4j.api.reference.ReferenceNetwork;
import io.nn4j.api.reference.ReferenceOps;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code explain} command: one forward and one backward pass of a tiny network on one
 * example, printed layer by layer so that each of the four backprop equations of
 * {@code docs/math.md} can be followed with real numbers. The gradients are the library's own
 * (a {@link Sequential} on a backend, float32); beside each stands a central finite difference
 * of the loss computed in double on the host by a {@link ReferenceNetwork} copied from it, and
 * their relative error. Every activation works, GeLU (exact, through a float64 erf) and
 * softmax included.
 */
@Command(name = "explain", sortOptions = false,
        description = "Show one forward and backward pass of a tiny network on one example: z,"
                + " a, the error delta, dC/dW and dC/db per layer, each gradient beside its"
                + " finite-difference estimate.")
final class ExplainCommand extends DemoCommand {
    /** Relative error below which backprop and the finite difference are said to agree. */
    static final double TOLERANCE = 1e-3;
    /** Relative errors are taken against at least this (finite differences are noise below). */
    static final double FLOOR = 1e-8;
    private static final int MAX_UNITS = 16;
    private static final int MAX_SIZES = 6;

    @Option(names = "--layers", split = ",", paramLabel = "SIZES", defaultValue = "4,2,3",
            description = "Layer sizes, input first, 2 to " + MAX_SIZES + " of them, each 1 to "
                    + MAX_UNITS + " (default: ${DEFAULT-VALUE}).")
    private List<Integer> layers;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "sigmoid",
            converter = NetworkOptions.ActivationConverter.class,
            description = "Activation of every layer (the output's too with mse): sigmoid, tanh,"
                    + " relu, leaky_relu, gelu, elu, silu, softplus, softmax or identity"
                    + " (default: ${DEFAULT-VALUE}).")
    private Activation activation;

    @Option(names = "--loss", paramLabel = "NAME", defaultValue = "mse",
            description = "mse, categorical_crossentropy (softmax output) or binary_crossentropy"
                    + " (sigmoid output) (default: ${DEFAULT-VALUE}).")
    private String lossName;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Seed of the weights, the input and the target (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--epsilon", paramLabel = "EPS", defaultValue = "1e-6",
            description = "Step of the central finite differences (default: ${DEFAULT-VALUE}).")
    private double epsilon;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "cpu",
            description = "Backend that computes the forward and backward pass"
                    + " (default: ${DEFAULT-VALUE}).")
    private String backendName;

    private PrintWriter out;
    private ExplainPrinter print;

    @Override
    public Integer call() {
        Loss loss = checkedLoss();
        checkOptions();
        out = spec.commandLine().getOut();
        print = new ExplainPrinter(out, FLOOR);
        int[] sizes = layers.stream().mapToInt(Integer::intValue).toArray();
        int depth = sizes.length - 1;
        Activation output = switch (loss) {
            case CATEGORICAL_CROSSENTROPY -> Activation.SOFTMAX;
            case BINARY_CROSSENTROPY -> Activation.SIGMOID;
            default -> activation;
        };
        List<Activation> activations = new ArrayList<>(Collections.nCopies(depth - 1, activation));
        activations.add(output);
        Random random = new Random(seed);
        float[] x = new float[sizes[0]];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        float[] y = target(loss, sizes[depth], random);
        LibraryPass library = libraryPass(sizes, activations, loss, x, y);
        double[] input = ReferenceOps.widen(x);
        double[] target = ReferenceOps.widen(y);
        ReferenceNetwork host = library.network();
        ReferenceNetwork.Forward forward = host.forward(input, 1);
        ReferenceNetwork.Gradients gradients = host.backward(loss, forward, target);
        List<double[]> finite = host.numericGradients(loss, input, target, 1, epsilon);
        printForward(sizes, activations, loss, host.parameters(), forward, target);
        for (int l = depth; l >= 1; l--) {
            printBackward(forward, gradients, l, depth, loss, activations.get(l - 1));
            printGradients(sizes, l, library.gradients(), finite);
        }
        int parameters = 0;
        for (int l = 1; l <= depth; l++) {
            parameters += sizes[l] * (sizes[l - 1] + 1);
        }
        double largestError = print.largestError();
        out.println(String.format(Locale.ROOT, "largest relative error %.1e over %d parameters:"
                + " %s", largestError, parameters, largestError < TOLERANCE
                ? "backprop agrees with the finite differences (below " + TOLERANCE + ")"
                : "MISMATCH: above " + TOLERANCE + " (relu's kink at 0, or epsilon too large?)"));
        out.flush();
        return 0;
    }

    /**
     * What the library's pass leaves: the network copied to float64 before the pass, and the
     * library's float32 gradients, in the network's parameter order.
     */
    private record LibraryPass(ReferenceNetwork network, List<float[]> gradients) {
    }

    /** Runs the library's forward and backward pass on the example. */
    private LibraryPass libraryPass(int[] sizes, List<Activation> activations, Loss loss,
                                    float[] x, float[] y) {
        int depth = sizes.length - 1;
        Sequential.Builder builder = Sequential.builder(sizes[0]);
        for (int l = 1; l <= depth; l++) {
            builder.dense(sizes[l], activations.get(l - 1));
        }
        try (Backend backend = Backends.load(backendName);
             Sequential model = builder.build(backend, seed);
             Tensor input = backend.fromArray(x, Shape.matrix(1, sizes[0]));
             Tensor target = backend.fromArray(y, Shape.matrix(1, sizes[depth]));
             Tensor gradient = backend.zeros(Shape.matrix(1, sizes[depth]))) {
            out.println(String.format(Locale.ROOT, "explain: one forward and backward pass of a"
                    + " %s network on one example (M = 1)", layers.stream().map(String::valueOf)
                    .collect(Collectors.joining("-"))));
            out.println("  backprop: the library on " + backend.description() + ", in float32");
            out.println(String.format(Locale.ROOT, "  finite differences: (C(p + eps) - C(p - eps))"
                    + " / 2 eps on the host, in double, eps = %.1e", epsilon));
            ReferenceNetwork network = ReferenceNetwork.copyOf(model);
            Tensor result = model.forward(input, true);
            backend.lossGradient(loss, result, target, gradient);
            model.backward(gradient, loss, ParameterUpdate.STORE_GRADIENT);
            List<float[]> gradients = new ArrayList<>();
            for (Parameter p : model.parameters()) {
                gradients.add(backend.toArray(p.gradient()));
            }
            return new LibraryPass(network, gradients);
        }
    }

    private void printForward(int[] sizes, List<Activation> activations, Loss loss,
                              List<double[]> parameters, ReferenceNetwork.Forward forward,
                              double[] y) {
        out.println("  rows are examples: z = a_prev * W^T + b, a = f(z); layer l has W"
                + " [n_l, n_(l-1)] and b [n_l]; a0 is the input x");
        out.println();
        print.vector("x = a0", forward.a().get(0), true);
        print.vector("y (target)", y, true);
        out.println();
        out.println("FORWARD");
        for (int l = 1; l < sizes.length; l++) {
            out.println(String.format(Locale.ROOT, "layer %d: dense %d -> %d, %s", l,
                    sizes[l - 1], sizes[l], activations.get(l - 1).id()));
            print.matrix("W" + l, parameters.get(2 * (l - 1)), sizes[l], sizes[l - 1]);
            print.vector("b" + l, parameters.get(2 * (l - 1) + 1), false);
            print.vector("z" + l + " = a" + (l - 1) + " * W" + l + "^T + b" + l,
                    forward.z().get(l - 1), true);
            print.vector("a" + l + " = " + activations.get(l - 1).id() + "(z" + l + ")",
                    forward.a().get(l), true);
        }
        int depth = sizes.length - 1;
        String formula = switch (loss) {
            case CATEGORICAL_CROSSENTROPY -> "-sum_j y_j ln a" + depth + "_j";
            case BINARY_CROSSENTROPY -> "-mean_j [y_j ln a" + depth + "_j + (1 - y_j) ln(1 - a"
                    + depth + "_j)]";
            default -> "mean_j (a" + depth + "_j - y_j)^2";
        };
        out.println(String.format(Locale.ROOT, "loss C = %s = %.8f", formula,
                ReferenceLosses.meanLoss(loss, forward.output(), y, 1, sizes[depth])));
        out.println();
    }

    /** Prints how layer {@code l}'s error δ arises from the gradient above it. */
    private void printBackward(ReferenceNetwork.Forward forward,
                               ReferenceNetwork.Gradients gradients, int l, int depth, Loss loss,
                               Activation f) {
        if (l == depth) {
            out.println("BACKWARD: the four equations of docs/math.md, from the output back");
        }
        out.println(String.format(Locale.ROOT, "layer %d%s", l, l == depth ? " (output)" : ""));
        double[] delta = gradients.preActivations().get(l - 1);
        if (l == depth && loss.fusedActivation() != null) {
            print.vector("(1) delta" + l + " = " + (loss == Loss.BINARY_CROSSENTROPY
                    ? "(a" + l + " - y) / " + delta.length : "a" + l + " - y"), delta, true);
            out.println("      (" + loss.id() + " with " + loss.fusedActivation().id()
                    + ": f' cancels, so the error is taken at z directly)");
            return;
        }
        if (l == depth) {
            print.vector("dC/da" + l + " = 2 (a" + l + " - y) / " + delta.length,
                    gradients.loss(), true);
        } else {
            print.vector("(2) dC/da" + l + " = delta" + (l + 1) + " * W" + (l + 1),
                    gradients.inputs().get(l), true);
        }
        if (f == Activation.SOFTMAX) {
            print.vector("(1) delta" + l + " = a" + l + " o (dC/da" + l + " - dC/da" + l + " . a"
                    + l + ")", delta, true);
            out.println("      (softmax mixes its row: f'(z) is a Jacobian, applied as a product)");
        } else {
            print.vector("f'(z" + l + ")", ReferenceActivations.derivative(f,
                    forward.z().get(l - 1)), true);
            print.vector("(1) delta" + l + " = dC/da" + l + " o f'(z" + l + ")", delta, true);
        }
    }

    /** Prints layer {@code l}'s library gradients beside their finite differences. */
    private void printGradients(int[] sizes, int l, List<float[]> library, List<double[]> finite) {
        int units = sizes[l];
        int inputs = sizes[l - 1];
        int weights = 2 * (l - 1);
        out.println(String.format(Locale.ROOT, "  (3) dC/dW%d = delta%d^T * a%d  [%d, %d]    "
                + "(4) dC/db%d = delta%d  [%d]", l, l, l - 1, units, inputs, l, l, units));
        print.gradientHeader();
        for (int j = 0; j < units; j++) {
            for (int i = 0; i < inputs; i++) {
                print.compare(String.format(Locale.ROOT, "W%d[%d,%d]", l, j, i),
                        library.get(weights)[j * inputs + i], finite.get(weights)[j * inputs + i]);
            }
        }
        for (int j = 0; j < units; j++) {
            print.compare(String.format(Locale.ROOT, "b%d[%d]", l, j),
                    library.get(weights + 1)[j], finite.get(weights + 1)[j]);
        }
        out.println();
    }

    private float[] target(Loss loss, int outputs, Random random) {
        float[] y = new float[outputs];
        if (loss == Loss.BINARY_CROSSENTROPY) {
            for (int j = 0; j < outputs; j++) {
                y[j] = random.nextBoolean() ? 1 : 0;
            }
        } else {
            y[random.nextInt(outputs)] = 1;
        }
        return y;
    }

    private Loss checkedLoss() {
        Loss loss;
        try {
            loss = Loss.byId(lossName);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--loss: " + e.getMessage());
        }
        if (loss == Loss.SPARSE_CATEGORICAL_CROSSENTROPY) {
            throw new ParameterException(spec.commandLine(), "--loss " + loss.id() + " is the"
                    + " same as categorical_crossentropy here; use that");
        }
        return loss;
    }

    private void checkOptions() {
        if (layers.size() < 2 || layers.size() > MAX_SIZES
                || !layers.stream().allMatch(n -> n >= 1 && n <= MAX_UNITS)) {
            throw new ParameterException(spec.commandLine(), "--layers must list 2 to "
                    + MAX_SIZES + " sizes, each 1 to " + MAX_UNITS + ", got " + layers);
        }
        if (!(epsilon > 0 && epsilon < 1)) {
            throw new ParameterException(spec.commandLine(), "--epsilon must be in (0, 1), got "
                    + epsilon);
        }
    }
}
