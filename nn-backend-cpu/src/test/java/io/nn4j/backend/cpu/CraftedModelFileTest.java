package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.io.ModelFile;
import io.nn4j.api.io.ModelFormatException;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.preprocess.Scaler;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files whose checksum is valid but whose body was crafted: each is a
 * {@link ModelFormatException} naming the file, before anything large is allocated.
 */
class CraftedModelFileTest extends FreshCpuBackend {
    private static final byte DENSE = 1;
    private static final byte DROPOUT = 2;
    private static final byte STANDARD = 1;

    @TempDir
    Path dir;

    /** The crafted file, in this test's own folder. */
    private Path file() {
        return dir.resolve("crafted.nn4j");
    }

    /**
     * Refuses a version 1 body (no preprocessing section), a layout that still loads, with a
     * message that contains {@code expected}.
     */
    private ModelFormatException refused(CraftedFiles.Fields fields, String expected)
            throws IOException {
        Files.write(file(), CraftedFiles.framed(ModelFile.MAGIC, 1, fields));
        return refusal(expected);
    }

    /** Loading the file fails naming it and {@code expected}, and leaves no tensor behind. */
    private ModelFormatException refusal(String expected) {
        long live = backend.memory().liveTensors();
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelFile.load(file(), backend));
        assertTrue(e.getMessage().startsWith(file() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(live, backend.memory().liveTensors(), "a failed load frees what it made");
        return e;
    }

    /** Writes the input width and the layer count that open the architecture. */
    private static void layers(DataOutputStream out, int inputs, int count) throws IOException {
        out.writeInt(inputs);
        out.writeInt(count);
    }

    /** Writes the architecture of {@code inputs} inputs and one dense layer. */
    private static void oneDense(DataOutputStream out, int inputs, int units, String activation)
            throws IOException {
        oneDenseKind(out, inputs);
        out.writeInt(units);
        out.writeUTF(activation);
    }

    /** Writes a one-layer architecture up to the kind of its layer, dense. */
    private static void oneDenseKind(DataOutputStream out, int inputs) throws IOException {
        layers(out, inputs, 1);
        out.writeByte(DENSE);
    }

    /** Writes a tensor's name and shape; its values are the caller's to write. */
    private static void tensor(DataOutputStream out, String name, int rows, int columns)
            throws IOException {
        out.writeUTF(name);
        out.writeInt(rows);
        out.writeInt(columns);
    }

    @Test
    void anActivationNameThatIsNotModifiedUtf8() throws IOException {
        ModelFormatException e = refused(out -> {
            oneDenseKind(out, 3);
            out.writeInt(2);
            out.writeShort(2);
            out.write(new byte[] {(byte) 0xC3, (byte) 0x28});
        }, "not modified UTF-8");
        assertInstanceOf(UTFDataFormatException.class, e.getCause());
    }

    @Test
    void anUnknownActivation() throws IOException {
        refused(out -> oneDense(out, 3, 2, "swishy"), "layer 0: unknown activation 'swishy'");
    }

    @Test
    void aDropoutRateOutsideZeroToOne() throws IOException {
        refused(out -> {
            layers(out, 3, 1);
            out.writeByte(DROPOUT);
            out.writeFloat(Float.NaN);
        }, "layer 0: dropout rate must be in [0, 1), got NaN");
    }

    @Test
    void anUnknownLayerKind() throws IOException {
        refused(out -> {
            layers(out, 3, 1);
            out.writeByte(7);
        }, "layer 0 has kind 7");
    }

    @Test
    void aLayerCountTheFileCannotHold() throws IOException {
        refused(out -> layers(out, 3, Integer.MAX_VALUE),
                Integer.MAX_VALUE + " layers cannot fit");
    }

    @Test
    void moreWeightsThanTheFileCanHold() throws IOException {
        refused(out -> oneDense(out, Integer.MAX_VALUE, Integer.MAX_VALUE, "relu"),
                "needs more weights");
    }

    @Test
    void aTensorCountThatDoesNotMatchTheArchitecture() throws IOException {
        refused(out -> {
            oneDense(out, 3, 2, "relu");
            out.writeInt(Integer.MAX_VALUE);
            out.write(new byte[64]);
        }, "parameters: " + Integer.MAX_VALUE + " tensors; expected 2");
    }

    @Test
    void aTensorOfTheWrongShape() throws IOException {
        refused(out -> {
            oneDense(out, 3, 2, "relu");
            out.writeInt(2);
            tensor(out, "layer0.weights", Integer.MAX_VALUE, Integer.MAX_VALUE);
            out.write(new byte[64]);
        }, "tensor layer0.weights [" + Integer.MAX_VALUE);
    }

    @Test
    void aBodyThatStopsInsideAField() throws IOException {
        ModelFormatException e = refused(out -> {
            oneDenseKind(out, 3);
            out.writeShort(0);
        }, "ends early");
        assertInstanceOf(EOFException.class, e.getCause());
    }

    @Test
    void bytesAfterTheLastTensor() throws IOException {
        String tail = "4 bytes after the end of its body; expected the checksum there";
        ModelFormatException e = refused(out -> {
            oneDense(out, 1, 1, "identity");
            out.writeInt(2);
            for (String name : new String[] {"layer0.weights", "layer0.bias"}) {
                tensor(out, name, 1, 1);
                out.writeFloat(0.5f);
            }
            out.writeInt(42);
        }, tail);
        assertTrue(e.getMessage().endsWith(tail), e.getMessage());
    }

    /**
     * Writes a version 2 body: 2 inputs, one dense layer of 1 identity unit computing
     * {@code 0.5 x0 - 0.5 x1}, the preprocessing section, and its two tensors.
     */
    private void craftVersion2(CraftedFiles.Fields preprocessing) throws IOException {
        Files.write(file(), CraftedFiles.framed(ModelFile.MAGIC, 2, out -> {
            oneDense(out, 2, 1, "identity");
            preprocessing.write(out);
            out.writeInt(2);
            tensor(out, "layer0.weights", 1, 2);
            out.writeFloat(0.5f);
            out.writeFloat(-0.5f);
            tensor(out, "layer0.bias", 1, 1);
            out.writeFloat(0);
        }));
    }

    /** Refuses a version 2 body with this preprocessing section, naming {@code expected}. */
    private void refusedVersion2(CraftedFiles.Fields preprocessing, String expected)
            throws IOException {
        craftVersion2(preprocessing);
        refusal(expected);
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
        craftVersion2(out -> {
            scaler(out, STANDARD, new float[] {1, 2}, new float[] {3, 4});
            noTargetScalerNoNames(out);
        });
        try (Sequential loaded = ModelFile.load(file(), backend)) {
            assertEquals(Scaler.of(Scaler.Kind.STANDARD, new float[] {1, 2}, new float[] {3, 4}),
                    loaded.preprocessing().featureScaler().orElseThrow());
            assertEquals(1f, loaded.predict(new float[][] {{7, 2}})[0][0], 1e-6f,
                    "0.5 · (7 - 1) / 3 - 0.5 · (2 - 2) / 4");
        }
    }

    @Test
    void aNonFiniteCenterIsRefused() throws IOException {
        refusedVersion2(out -> {
            scaler(out, STANDARD, new float[] {1, Float.NaN}, new float[] {3, 4});
            noTargetScalerNoNames(out);
        }, "feature scaler: column 1: center is NaN");
    }

    @Test
    void aZeroOrNegativeScaleIsRefused() throws IOException {
        for (float bad : new float[] {0, -2, Float.POSITIVE_INFINITY}) {
            refusedVersion2(out -> {
                scaler(out, STANDARD, new float[] {1, 2}, new float[] {bad, 4});
                noTargetScalerNoNames(out);
            }, "feature scaler: column 0: scale is " + bad);
        }
    }

    @Test
    void aScalerOfTheWrongWidthIsRefusedBeforeItsValuesAreRead() throws IOException {
        refusedVersion2(out -> {
            out.writeByte(STANDARD);
            out.writeInt(Integer.MAX_VALUE);
        }, "feature scaler has " + Integer.MAX_VALUE
                + " columns; expected the model's input size, 2");
        refusedVersion2(out -> {
            out.writeByte(0);
            scaler(out, STANDARD, new float[] {1, 2}, new float[] {3, 4});
            out.writeInt(0);
        }, "target scaler has 2 columns; expected the model's output size, 1");
    }

    @Test
    void anUnknownScalerKindIsRefused() throws IOException {
        refusedVersion2(out -> out.writeByte(9), "feature scaler has kind 9");
    }

    @Test
    void classNamesThatDoNotFitTheOutputAreRefused() throws IOException {
        refusedVersion2(out -> {
            out.writeByte(0);
            out.writeByte(0);
            out.writeInt(3);
        }, "3 class names; expected 0 (none) or one per output");
        refusedVersion2(out -> {
            out.writeByte(0);
            out.writeByte(0);
            out.writeInt(2);
            out.writeUTF("same");
            out.writeUTF("same");
        }, "name a class twice");
    }
}
