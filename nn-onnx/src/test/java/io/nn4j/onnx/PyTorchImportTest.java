package io.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.nn.DenseSpec;
import io.nn4j.api.nn.LayerSpec;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.Sgd;
import io.nn4j.api.train.Trainer;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MLPs exported by PyTorch 1.13's {@code torch.onnx.export} (made by
 * {@code src/test/python/make_fixtures.py}) load on cpu and opencl with the layers PyTorch had,
 * and predict what PyTorch computed for the same input, within {@link Agreement#RELATIVE}.
 */
class PyTorchImportTest {

    static Stream<Arguments> fixtures() {
        Activation[] hidden = {Activation.RELU, Activation.SIGMOID, Activation.TANH,
            Activation.LEAKY_RELU, Activation.ELU, Activation.SOFTPLUS, Activation.SILU,
            Activation.GELU};
        Stream<Arguments> gemm = Stream.of(hidden).map(a -> Arguments.of("gemm_" + a.id(),
                List.of(a, a)));
        return Stream.concat(gemm, Stream.of(
                Arguments.of("gemm_softmax", List.of(Activation.TANH, Activation.SOFTMAX)),
                Arguments.of("gemm_identity_no_bias",
                        List.of(Activation.RELU, Activation.IDENTITY)),
                Arguments.of("matmul_folded_gelu", List.of(Activation.GELU, Activation.IDENTITY)),
                Arguments.of("matmul_transpose_silu",
                        List.of(Activation.SILU, Activation.SOFTMAX)),
                Arguments.of("opset11_dropout_elu", List.of(Activation.ELU, Activation.SIGMOID)),
                Arguments.of("float_data_tanh", List.of(Activation.TANH, Activation.TANH))))
                .flatMap(a -> Stream.of("cpu", "opencl").map(backend -> Arguments.of(
                        a.get()[0], a.get()[1], backend)));
    }

    @ParameterizedTest(name = "{0} on {2}")
    @MethodSource("fixtures")
    void predictsWhatPyTorchComputed(String name, List<Activation> activations, String backendName)
            throws IOException {
        Fixtures.Matrix input = Fixtures.matrix(Fixtures.PYTORCH + "input.txt");
        Fixtures.Matrix expected = Fixtures.matrix(Fixtures.PYTORCH + name + ".out.txt");
        try (Backend backend = Fixtures.open(backendName);
             Sequential model = OnnxModels.load(Fixtures.resource(Fixtures.PYTORCH + name
                     + ".onnx"), backend)) {
            List<LayerSpec> layers = model.architecture().layers();
            assertEquals(activations, layers.stream().map(l -> ((DenseSpec) l).activation())
                    .toList(), name + ": activations");
            assertEquals(List.of(8, 4), layers.stream().map(l -> ((DenseSpec) l).units())
                    .toList(), name + ": units");
            assertEquals(input.cols(), model.inputSize());
            float[] output = model.predict(input.values(), input.rows());
            Agreement.assertClose(expected.values(), output, expected.cols(), name + " on "
                    + backendName + " against PyTorch");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"cpu", "opencl"})
    void anImportedModelTrainsFurther(String backendName) throws IOException {
        Random random = new Random(3);
        int rows = 256;
        float[][] features = new float[rows][5];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < 5; c++) {
                features[r][c] = (float) random.nextGaussian();
            }
            labels[r] = features[r][0] + features[r][1] > 0 ? 1 : features[r][2] > 0 ? 2 : 0;
        }
        Dataset data = Dataset.ofLabels(features, labels, 4);
        try (Backend backend = Fixtures.open(backendName);
             Sequential model = OnnxModels.load(Fixtures.resource(Fixtures.PYTORCH
                     + "gemm_softmax.onnx"), backend);
             Sgd sgd = new Sgd(0.5f)) {
            List<EpochStats> history = Trainer.builder()
                    .loss(Loss.SPARSE_CATEGORICAL_CROSSENTROPY).optimizer(sgd).batchSize(32)
                    .epochs(20).seed(5).build().fit(model, data);
            double first = history.get(0).trainLoss();
            double last = history.get(history.size() - 1).trainLoss();
            assertTrue(last < first / 2, "training loss " + first + " -> " + last);
        }
    }
}
