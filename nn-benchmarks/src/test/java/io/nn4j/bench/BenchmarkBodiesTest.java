package io.nn4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Parameter;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.reference.ReferenceActivations;
import io.nn4j.api.reference.ReferenceLosses;
import io.nn4j.api.reference.ReferenceNetwork;
import io.nn4j.api.reference.ReferenceOps;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Param;

/**
 * Runs every benchmark body once more than JMH's first call, at small sizes, and checks its
 * answer against a float64 reference, so no suite can time a wrong computation. Backends other
 * than cpu run only where they are available.
 */
class BenchmarkBodiesTest {
    /** Allowed difference: {@code |actual − expected| ≤ TOLERANCE · (1 + |expected|)}. */
    private static final double TOLERANCE = 1e-4;
    private static final List<String> GEMM_SIZES = List.of("1x1x1", "5x7x3", "9x33x17");

    static Stream<Arguments> gemmCases() {
        return AvailableBackends.SUITE.stream().flatMap(backend -> Stream.of(GemmPass.values())
                .flatMap(pass -> GEMM_SIZES.stream().map(size -> Arguments.of(backend, pass, size))));
    }

    static Stream<Arguments> referenceCases() {
        return Stream.of(GemmPass.values())
                .flatMap(pass -> GEMM_SIZES.stream().map(size -> Arguments.of(pass, size)));
    }

    static Stream<Arguments> activationCases() {
        return AvailableBackends.SUITE.stream().flatMap(backend ->
                Stream.of(paramValues(ActivationBenchmark.class, "activation"))
                        .map(activation -> Arguments.of(backend, activation)));
    }

    static Stream<Arguments> trainingCases() {
        return AvailableBackends.SUITE.stream().flatMap(backend ->
                Stream.of("6-3/2", "12-9-7-4/5").map(config -> Arguments.of(backend, config)));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("gemmCases")
    void gemmComputesTheLayerProduct(String backend, GemmPass pass, String size) throws Exception {
        try (GemmBenchmark bench = opened(new GemmBenchmark(), backend, suite -> {
            suite.size = size;
            suite.pass = pass;
        })) {
            float[] actual = runTwice(bench.engine, bench::gemm);
            Shape a = bench.a().shape();
            Shape b = bench.b().shape();
            double[] expected = ReferenceOps.product(pass.transposeA(), pass.transposeB(),
                    wide(bench.engine, bench.a()), a, wide(bench.engine, bench.b()), b);
            assertClose(expected, actual, "gemm " + pass + " " + size + " on " + backend);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("referenceCases")
    void referenceGemmRunsTheSameProductSize(GemmPass pass, String size) {
        ReferenceGemmBenchmark bench = new ReferenceGemmBenchmark();
        bench.size = size;
        bench.pass = pass;
        bench.prepare();
        Shape a = bench.shapes()[0];
        Shape b = bench.shapes()[1];
        LayerSize layer = LayerSize.parse("size", size);
        assertEquals(a.cols(), b.rows(), "reference inner sizes");
        assertEquals(pass.c(layer), Shape.matrix(a.rows(), b.cols()), "reference C has the"
                + " shape of " + pass + "'s output");
        assertEquals(2.0 * a.rows() * a.cols() * b.cols(), layer.flops(), "reference flops");
        assertEquals(pass.c(layer).size(), bench.gemm().length, "reference result");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("activationCases")
    void activationBodiesComputeForwardAndBackward(String backend, String activation)
            throws Exception {
        try (ActivationBenchmark bench = opened(new ActivationBenchmark(), backend, suite -> {
            suite.shape = "3x17";
            suite.activation = activation;
        })) {
            Activation f = Activation.byId(activation);
            double[] z = wide(bench.engine, bench.z());
            double[] a = ReferenceActivations.activate(f, z, 3, 17);
            assertClose(a, runTwice(bench.engine, bench::forward), activation + " forward on "
                    + backend);
            double[] dZ = ReferenceActivations.backward(f, z, wide(bench.engine, bench.dA()), 3,
                    17);
            assertClose(dZ, runTwice(bench.engine, bench::backward), activation + " backward on "
                    + backend);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("trainingCases")
    void trainingStepMatchesAFloat64Step(String backend, String config) throws Exception {
        try (TrainingStepBenchmark bench = opened(new TrainingStepBenchmark(), backend,
                suite -> suite.config = config)) {
            int rows = TrainingConfig.parse(config).batchSize();
            ReferenceNetwork expected = ReferenceNetwork.copyOf(bench.model());
            float[][] batch = bench.batch();
            double[] x = ReferenceOps.widen(batch[0]);
            double[] y = ReferenceOps.widen(batch[1]);
            double[] expectedOutput = expected.forward(x, rows).output();
            double lossSum = 0;
            for (double example : ReferenceLosses.exampleLosses(TrainingStepBenchmark.LOSS,
                    expectedOutput, y, rows, y.length / rows)) {
                lossSum += example;
            }
            expected.sgdStep(TrainingStepBenchmark.LOSS, x, y, rows,
                    TrainingStepBenchmark.LEARNING_RATE);

            float[] output = bench.engine.toArray(bench.step());

            assertClose(expectedOutput, output, "step output of " + config + " on " + backend);
            assertClose(new double[] {lossSum}, bench.engine.toArray(bench.lossTotal()),
                    "summed loss of " + config + " on " + backend);
            List<Parameter> parameters = bench.model().parameters();
            List<double[]> updated = expected.parameters();
            for (int i = 0; i < parameters.size(); i++) {
                assertClose(updated.get(i), bench.engine.toArray(parameters.get(i).value()),
                        parameters.get(i).name() + " after one step of " + config + " on " + backend);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("trainingCases")
    void predictionMatchesAFloat64ForwardPass(String backend, String config) throws Exception {
        try (PredictBenchmark bench = opened(new PredictBenchmark(), backend,
                suite -> suite.config = config)) {
            double[] expected = ReferenceNetwork.copyOf(bench.model()).forward(
                    ReferenceOps.widen(bench.input()), TrainingConfig.parse(config).batchSize())
                    .output();
            bench.predict();
            assertClose(expected, bench.predict(), "predict of " + config + " on " + backend);
        }
    }

    @Test
    void referenceRunsEveryGemmShape() {
        assertArrayEquals(paramValues(GemmBenchmark.class, "size"),
                paramValues(ReferenceGemmBenchmark.class, "size"));
        assertArrayEquals(paramValues(GemmBenchmark.class, "pass"),
                paramValues(ReferenceGemmBenchmark.class, "pass"));
    }

    @Test
    void everyPublishedParameterValueParses() {
        assertArrayEquals(AvailableBackends.SUITE.toArray(),
                paramValues(GemmBenchmark.class, "backend"));
        for (String size : paramValues(GemmBenchmark.class, "size")) {
            assertTrue(LayerSize.parse("size", size).flops() > 0, size);
        }
        for (String pass : paramValues(GemmBenchmark.class, "pass")) {
            assertEquals(pass, GemmPass.valueOf(pass).name());
        }
        for (String shape : paramValues(ActivationBenchmark.class, "shape")) {
            assertEquals(2, Sizes.parse("shape", shape, 2).length, shape);
        }
        for (String activation : paramValues(ActivationBenchmark.class, "activation")) {
            assertEquals(activation, Activation.byId(activation).id());
        }
        assertEquals(TrainingConfig.SMALL, TrainingConfig.parse("S"));
        assertEquals(TrainingConfig.LARGE, TrainingConfig.parse("L"));
        assertArrayEquals(new String[] {"S", "L"}, paramValues(TrainingStepBenchmark.class, "config"));
        assertArrayEquals(new String[] {"S"}, paramValues(PredictBenchmark.class, "config"));
    }

    private static String[] paramValues(Class<?> suite, String field) {
        try {
            return suite.getField(field).getAnnotation(Param.class).value();
        } catch (NoSuchFieldException e) {
            throw new AssertionError(suite.getSimpleName() + " has no parameter " + field, e);
        }
    }

    /**
     * Sets the bench's parameters ({@code backend} and then those {@code parameters} sets) and
     * opens it, or skips the test with the reason the backend is unavailable.
     */
    private static <T extends BackendBenchmark> T opened(T bench, String backend,
                                                         Consumer<T> parameters) {
        Optional<String> reason = AvailableBackends.whyUnavailable(backend);
        Assumptions.assumeTrue(reason.isEmpty(),
                () -> "backend " + backend + " is unavailable: " + reason.orElse(""));
        bench.backend = backend;
        parameters.accept(bench);
        bench.open();
        return bench;
    }

    /** Calls the body twice, as JMH does, and returns the second answer. */
    private static float[] runTwice(Backend backend, Supplier<Tensor> body) {
        body.get();
        return backend.toArray(body.get());
    }

    private static double[] wide(Backend backend, Tensor tensor) {
        return ReferenceOps.widen(backend.toArray(tensor));
    }

    private static void assertClose(double[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double allowed = TOLERANCE * (1 + Math.abs(expected[i]));
            int index = i;
            assertTrue(Math.abs(actual[i] - expected[i]) <= allowed, () -> what + ": element "
                    + index + " is " + actual[index] + ", expected " + expected[index]);
        }
    }
}
