package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.io.Checkpoint;
import io.nn4j.api.io.ModelFile;
import io.nn4j.api.io.ModelFormatException;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.preprocess.Preprocessing;
import io.nn4j.api.preprocess.Scaler;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.Sgd;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files of version 2 carry the model's scalers and class names; version 1 files still
 * load; a preprocessing section with bad values is refused naming the file.
 */
class ScaledModelFileTest {
    private static final byte DENSE = 1;
    private static final byte STANDARD = 1;

    @TempDir
    Path dir;
    private Backend backend;
    private Path file;

    @BeforeEach
    void open() {
        backend = Backends.load("cpu");
        file = dir.resolve("model.nn4j");
    }

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void scalersAndClassNamesSurviveTheRoundTrip() throws IOException {
        Dataset data = ScaledModelTest.regression(4, 50);
        float[][] raw = ScaledModelTest.featureRows(data);
        try (Sequential regressor = ScaledModelTest.regressor()
                .featureScaler(data.fitFeatureScaler(Scaler.Kind.MIN_MAX))
                .targetScaler(data.fitTargetScaler(Scaler.Kind.STANDARD)).build(backend, 2);
             Sequential classifier = Sequential.builder(2).dense(3, Activation.SOFTMAX)
                     .featureScaler(data.fitFeatureScaler(Scaler.Kind.STANDARD))
                     .classNames(List.of("low", "mid", "high")).build(backend, 2)) {
            for (Sequential model : List.of(regressor, classifier)) {
                ModelFile.save(model, file);
                try (Sequential loaded = ModelFile.load(file, backend)) {
                    assertEquals(model.preprocessing(), loaded.preprocessing());
                    assertEquals(model.classNames(), loaded.classNames());
                    float[][] expected = model.predict(raw);
                    float[][] actual = loaded.predict(raw);
                    for (int r = 0; r < raw.length; r++) {
                        assertArrayEquals(expected[r], actual[r], "row " + r);
                    }
                }
            }
            assertEquals(List.of("low", "mid", "high"), classifier.classNames());
            assertEquals(List.of(), regressor.classNames());
        }
    }

    @Test
    void aVersion1FileStillLoads() throws IOException {
        try (Sequential model = Sequential.builder(2).dense(3, Activation.TANH)
                .dense(1, Activation.IDENTITY).build(backend, 5)) {
            ModelFile.save(model, file);
            byte[] version2 = Files.readAllBytes(file);
            int section = 8 + 4 + 4 + (1 + 4 + 2 + "tanh".length())
                    + (1 + 4 + 2 + "identity".length());
            assertArrayEquals(new byte[6], Arrays.copyOfRange(version2, section, section + 6),
                    "no scalers, no class names");
            byte[] version1 = new byte[version2.length - 6];
            System.arraycopy(version2, 0, version1, 0, section);
            System.arraycopy(version2, section + 6, version1, section, version1.length - section);
            ByteBuffer.wrap(version1).putInt(4, 1);
            Files.write(file, CraftedFiles.resigned(version1));
            try (Sequential loaded = ModelFile.load(file, backend)) {
                assertEquals(Preprocessing.NONE, loaded.preprocessing());
                float[][] rows = {{0.5f, -1}, {2, 3}};
                assertArrayEquals(model.predict(rows)[1], loaded.predict(rows)[1]);
            }
        }
    }

    /**
     * Writes a version 2 body: 2 inputs, one dense layer of 1 identity unit computing
     * {@code 0.5 x0 - 0.5 x1}, the preprocessing section, and its two tensors.
     */
    private void craft(CraftedFiles.Fields preprocessing) throws IOException {
        Files.write(file, CraftedFiles.framed(ModelFile.MAGIC, 2, out -> {
            out.writeInt(2);
            out.writeInt(1);
            out.writeByte(DENSE);
            out.writeInt(1);
            out.writeUTF("identity");
            preprocessing.write(out);
            out.writeInt(2);
            out.writeUTF("layer0.weights");
            out.writeInt(1);
            out.writeInt(2);
            out.writeFloat(0.5f);
            out.writeFloat(-0.5f);
            out.writeUTF("layer0.bias");
            out.writeInt(1);
            out.writeInt(1);
            out.writeFloat(0);
        }));
    }

    private ModelFormatException refused(CraftedFiles.Fields preprocessing) throws IOException {
        craft(preprocessing);
        long live = backend.memory().liveTensors();
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelFile.load(file, backend));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertEquals(live, backend.memory().liveTensors(), "a failed load frees what it made");
        return e;
    }

    private static void scaler(DataOutputStream out, int kind, float[] center, float[] scale)
            throws IOException {
        out.writeByte(kind);
        out.writeInt(center.length);
        for (float c : center) {
            out.writeFloat(c);
        }
        for (float s : scale) {
            out.writeFloat(s);
        }
    }

    private static void noTargetScalerNoNames(DataOutputStream out) throws IOException {
        out.writeByte(0);
        out.writeInt(0);
    }

    @Test
    void theCraftedBodyLoadsWhenItsPreprocessingIsGood() throws IOException {
        craft(out -> {
            scaler(out, STANDARD, new float[] {1, 2}, new float[] {3, 4});
            noTargetScalerNoNames(out);
        });
        try (Sequential loaded = ModelFile.load(file, backend)) {
            assertEquals(Scaler.of(Scaler.Kind.STANDARD, new float[] {1, 2}, new float[] {3, 4}),
                    loaded.preprocessing().featureScaler().orElseThrow());
            assertEquals(1f, loaded.predict(new float[][] {{7, 2}})[0][0], 1e-6f,
                    "0.5 · (7 - 1) / 3 - 0.5 · (2 - 2) / 4");
        }
    }

    @Test
    void aNonFiniteCenterIsRefused() throws IOException {
        ModelFormatException e = refused(out -> {
            scaler(out, STANDARD, new float[] {1, Float.NaN}, new float[] {3, 4});
            noTargetScalerNoNames(out);
        });
        assertTrue(e.getMessage().contains("feature scaler: column 1: center is NaN"),
                e.getMessage());
    }

    @Test
    void aZeroOrNegativeScaleIsRefused() throws IOException {
        for (float bad : new float[] {0, -2, Float.POSITIVE_INFINITY}) {
            ModelFormatException e = refused(out -> {
                scaler(out, STANDARD, new float[] {1, 2}, new float[] {bad, 4});
                noTargetScalerNoNames(out);
            });
            assertTrue(e.getMessage().contains("feature scaler: column 0: scale is " + bad),
                    e.getMessage());
        }
    }

    @Test
    void aScalerOfTheWrongWidthIsRefusedBeforeItsValuesAreRead() throws IOException {
        ModelFormatException e = refused(out -> {
            out.writeByte(STANDARD);
            out.writeInt(Integer.MAX_VALUE);
        });
        assertTrue(e.getMessage().contains("feature scaler has " + Integer.MAX_VALUE
                + " columns; expected the model's input size, 2"), e.getMessage());
        e = refused(out -> {
            out.writeByte(0);
            scaler(out, STANDARD, new float[] {1, 2}, new float[] {3, 4});
            out.writeInt(0);
        });
        assertTrue(e.getMessage().contains("target scaler has 2 columns; expected the model's "
                + "output size, 1"), e.getMessage());
    }

    @Test
    void anUnknownScalerKindIsRefused() throws IOException {
        ModelFormatException e = refused(out -> out.writeByte(9));
        assertTrue(e.getMessage().contains("feature scaler has kind 9"), e.getMessage());
    }

    @Test
    void classNamesThatDoNotFitTheOutputAreRefused() throws IOException {
        ModelFormatException e = refused(out -> {
            out.writeByte(0);
            out.writeByte(0);
            out.writeInt(3);
        });
        assertTrue(e.getMessage().contains("3 class names; expected 0 (none) or one per output"),
                e.getMessage());
        e = refused(out -> {
            out.writeByte(0);
            out.writeByte(0);
            out.writeInt(2);
            out.writeUTF("same");
            out.writeUTF("same");
        });
        assertTrue(e.getMessage().contains("name a class twice"), e.getMessage());
    }

    @Test
    void aCheckpointRestoresOnlyIntoAModelWithTheSamePreprocessing() throws IOException {
        Dataset data = ScaledModelTest.regression(6, 30);
        Dataset other = ScaledModelTest.regression(7, 30);
        Path checkpoint = Checkpoint.fileFor(dir, 1);
        try (Sequential saved = ScaledModelTest.regressor()
                .featureScaler(data.fitFeatureScaler(Scaler.Kind.STANDARD)).build(backend, 1);
             Sequential same = ScaledModelTest.regressor()
                     .featureScaler(data.fitFeatureScaler(Scaler.Kind.STANDARD))
                     .build(backend, 2);
             Sequential different = ScaledModelTest.regressor()
                     .featureScaler(other.fitFeatureScaler(Scaler.Kind.STANDARD))
                     .build(backend, 2);
             Sgd sgd = new Sgd(0.1f)) {
            Checkpoint.write(checkpoint, List.of(), saved, 0, Map.of());
            Checkpoint.restore(checkpoint, same, Map.of());
            assertArrayEquals(backend.toArray(saved.parameters().get(0).value()),
                    backend.toArray(same.parameters().get(0).value()));
            float[] before = backend.toArray(different.parameters().get(0).value());
            ModelFormatException e = assertThrows(ModelFormatException.class,
                    () -> Checkpoint.restore(checkpoint, different, Map.of()));
            assertTrue(e.getMessage().contains("was written for a model with the preprocessing"),
                    e.getMessage());
            assertArrayEquals(before, backend.toArray(different.parameters().get(0).value()),
                    "nothing restored");
        }
    }
}
