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
import org.junit.jupiter.api.BeforeEach;
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
    private Path file;

    @BeforeEach
    void nameTheFile() {
        file = dir.resolve("crafted.nn4j");
    }

    /** Refuses a version 1 body (no preprocessing section), a layout that still loads. */
    private ModelFormatException refused(CraftedFiles.Fields fields) throws IOException {
        Files.write(file, CraftedFiles.framed(ModelFile.MAGIC, 1, fields));
        return refusal();
    }

    /** Loading the file fails naming it and leaves no tensor behind. */
    private ModelFormatException refusal() {
        long live = backend.memory().liveTensors();
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelFile.load(file, backend));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertEquals(live, backend.memory().liveTensors(), "a failed load frees what it made");
        return e;
    }

    @Test
    void anActivationNameThatIsNotModifiedUtf8() throws IOException {
        ModelFormatException e = refused(out -> {
            out.writeInt(3);
            out.writeInt(1);
            out.writeByte(DENSE);
            out.writeInt(2);
            out.writeShort(2);
            out.write(new byte[] {(byte) 0xC3, (byte) 0x28});
        });
        assertInstanceOf(UTFDataFormatException.class, e.getCause());
        assertTrue(e.getMessage().contains("not modified UTF-8"), e.getMessage());
    }

    @Test
    void anUnknownActivation() throws IOException {
        ModelFormatException e = refused(out -> {
            out.writeInt(3);
            out.writeInt(1);
            out.writeByte(DENSE);
            out.writeInt(2);
            out.writeUTF("swishy");
        });
        assertTrue(e.getMessage().contains("layer 0: unknown activation 'swishy'"),
                e.getMessage());
    }

    @Test
    void aDropoutRateOutsideZeroToOne() throws IOException {
        ModelFormatException e = refused(out -> {
            out.writeInt(3);
            out.writeInt(1);
            out.writeByte(DROPOUT);
            out.writeFloat(Float.NaN);
        });
        assertTrue(e.getMessage().contains("layer 0: dropout rate must be in [0, 1), got NaN"),
                e.getMessage());
    }

    @Test
    void anUnknownLayerKind() throws IOException {
        ModelFormatException e = refused(out -> {
            out.writeInt(3);
            out.writeInt(1);
            out.writeByte(7);
        });
        assertTrue(e.getMessage().contains("layer 0 has kind 7"), e.getMessage());
    }

    @Test
    void aLayerCountTheFileCannotHold() throws IOException {
        ModelFormatException e = refused(out -> {
            out.writeInt(3);
            out.writeInt(Integer.MAX_VALUE);
        });
        assertTrue(e.getMessage().contains(Integer.MAX_VALUE + " layers cannot fit"),
                e.getMessage());
    }

    @Test
    void moreWeightsThanTheFileCanHold() throws IOException {
        ModelFormatException e = refused(out -> {
            out.writeInt(Integer.MAX_VALUE);
            out.writeInt(1);
            out.writeByte(DENSE);
            out.writeInt(Integer.MAX_VALUE);
            out.writeUTF("relu");
        });
        assertTrue(e.getMessage().contains("needs more weights"), e.getMessage());
    }

    @Test
    void aTensorCountThatDoesNotMatchTheArchitecture() throws IOException {
        ModelFormatException e = refused(out -> {
            out.writeInt(3);
            out.writeInt(1);
            out.writeByte(DENSE);
            out.writeInt(2);
            out.writeUTF("relu");
            out.writeInt(Integer.MAX_VALUE);
            out.write(new byte[64]);
        });
        assertTrue(e.getMessage().contains("parameters: " + Integer.MAX_VALUE
                + " tensors; expected 2"), e.getMessage());
    }

    @Test
    void aTensorOfTheWrongShape() throws IOException {
        ModelFormatException e = refused(out -> {
            out.writeInt(3);
            out.writeInt(1);
            out.writeByte(DENSE);
            out.writeInt(2);
            out.writeUTF("relu");
            out.writeInt(2);
            out.writeUTF("layer0.weights");
            out.writeInt(Integer.MAX_VALUE);
            out.writeInt(Integer.MAX_VALUE);
            out.write(new byte[64]);
        });
        assertTrue(e.getMessage().contains("tensor layer0.weights [" + Integer.MAX_VALUE),
                e.getMessage());
    }

    @Test
    void aBodyThatStopsInsideAField() throws IOException {
        ModelFormatException e = refused(out -> {
            out.writeInt(3);
            out.writeInt(1);
            out.writeByte(DENSE);
            out.writeShort(0);
        });
        assertInstanceOf(EOFException.class, e.getCause());
        assertTrue(e.getMessage().contains("ends early"), e.getMessage());
    }

    @Test
    void bytesAfterTheLastTensor() throws IOException {
        ModelFormatException e = refused(out -> {
            out.writeInt(1);
            out.writeInt(1);
            out.writeByte(DENSE);
            out.writeInt(1);
            out.writeUTF("identity");
            out.writeInt(2);
            for (String name : new String[] {"layer0.weights", "layer0.bias"}) {
                out.writeUTF(name);
                out.writeInt(1);
                out.writeInt(1);
                out.writeFloat(0.5f);
            }
            out.writeInt(42);
        });
        assertTrue(e.getMessage().endsWith("4 bytes after the end of its body; expected the "
                + "checksum there"), e.getMessage());
    }

    /**
     * Writes a version 2 body: 2 inputs, one dense layer of 1 identity unit computing
     * {@code 0.5 x0 - 0.5 x1}, the preprocessing section, and its two tensors.
     */
    private void craftVersion2(CraftedFiles.Fields preprocessing) throws IOException {
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

    private ModelFormatException refusedVersion2(CraftedFiles.Fields preprocessing)
            throws IOException {
        craftVersion2(preprocessing);
        return refusal();
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
        try (Sequential loaded = ModelFile.load(file, backend)) {
            assertEquals(Scaler.of(Scaler.Kind.STANDARD, new float[] {1, 2}, new float[] {3, 4}),
                    loaded.preprocessing().featureScaler().orElseThrow());
            assertEquals(1f, loaded.predict(new float[][] {{7, 2}})[0][0], 1e-6f,
                    "0.5 · (7 - 1) / 3 - 0.5 · (2 - 2) / 4");
        }
    }

    @Test
    void aNonFiniteCenterIsRefused() throws IOException {
        ModelFormatException e = refusedVersion2(out -> {
            scaler(out, STANDARD, new float[] {1, Float.NaN}, new float[] {3, 4});
            noTargetScalerNoNames(out);
        });
        assertTrue(e.getMessage().contains("feature scaler: column 1: center is NaN"),
                e.getMessage());
    }

    @Test
    void aZeroOrNegativeScaleIsRefused() throws IOException {
        for (float bad : new float[] {0, -2, Float.POSITIVE_INFINITY}) {
            ModelFormatException e = refusedVersion2(out -> {
                scaler(out, STANDARD, new float[] {1, 2}, new float[] {bad, 4});
                noTargetScalerNoNames(out);
            });
            assertTrue(e.getMessage().contains("feature scaler: column 0: scale is " + bad),
                    e.getMessage());
        }
    }

    @Test
    void aScalerOfTheWrongWidthIsRefusedBeforeItsValuesAreRead() throws IOException {
        ModelFormatException e = refusedVersion2(out -> {
            out.writeByte(STANDARD);
            out.writeInt(Integer.MAX_VALUE);
        });
        assertTrue(e.getMessage().contains("feature scaler has " + Integer.MAX_VALUE
                + " columns; expected the model's input size, 2"), e.getMessage());
        e = refusedVersion2(out -> {
            out.writeByte(0);
            scaler(out, STANDARD, new float[] {1, 2}, new float[] {3, 4});
            out.writeInt(0);
        });
        assertTrue(e.getMessage().contains("target scaler has 2 columns; expected the model's "
                + "output size, 1"), e.getMessage());
    }

    @Test
    void anUnknownScalerKindIsRefused() throws IOException {
        ModelFormatException e = refusedVersion2(out -> out.writeByte(9));
        assertTrue(e.getMessage().contains("feature scaler has kind 9"), e.getMessage());
    }

    @Test
    void classNamesThatDoNotFitTheOutputAreRefused() throws IOException {
        ModelFormatException e = refusedVersion2(out -> {
            out.writeByte(0);
            out.writeByte(0);
            out.writeInt(3);
        });
        assertTrue(e.getMessage().contains("3 class names; expected 0 (none) or one per output"),
                e.getMessage());
        e = refusedVersion2(out -> {
            out.writeByte(0);
            out.writeByte(0);
            out.writeInt(2);
            out.writeUTF("same");
            out.writeUTF("same");
        });
        assertTrue(e.getMessage().contains("name a class twice"), e.getMessage());
    }
}
