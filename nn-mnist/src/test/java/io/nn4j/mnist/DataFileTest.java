package io.nn4j.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFileTest {
    @TempDir
    Path dir;

    @Test
    void missingFileNamesItAndTheFetchScript() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> DatasetKind.MNIST.testLabels().verifiedIn(dir));
        String message = e.getMessage();
        assertTrue(message.contains(dir.resolve("t10k-labels-idx1-ubyte").toString()), message);
        assertTrue(message.contains("missing"), message);
        assertTrue(message.contains("scripts/fetch-mnist.sh"), message);
    }

    @Test
    void missingFashionFileNamesTheFashionScript() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> DatasetKind.FASHION.trainImages().verifiedIn(dir));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("scripts/fetch-fashion-mnist.sh"), e.getMessage());
    }

    @Test
    void wrongHashNamesTheFileBothHashesAndTheFix() throws IOException {
        Path file = Files.writeString(dir.resolve("train-images-idx3-ubyte"), "abc");
        DataFile images = DatasetKind.MNIST.trainImages();
        IOException e = assertThrows(IOException.class, () -> images.verifiedIn(dir));
        String message = e.getMessage();
        assertTrue(message.startsWith(file.toString()), message);
        assertTrue(message.contains(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), message);
        assertTrue(message.contains(images.sha256()), message);
        assertTrue(message.contains("scripts/fetch-mnist.sh"), message);
    }

    @Test
    void hashesMatchTheKnownSha256OfAbc() throws IOException {
        Path file = Files.write(dir.resolve("abc"), "abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                DataFile.sha256Of(file));
    }

    @Test
    void everyKindHasFourDistinctFilesAndTenClassNames() {
        for (DatasetKind kind : DatasetKind.values()) {
            assertEquals(4, kind.files().stream().map(DataFile::fileName).distinct().count());
            assertEquals(4, kind.files().stream().map(DataFile::sha256)
                    .filter(h -> h.matches("[0-9a-f]{64}")).distinct().count());
            assertEquals(10, kind.classes());
        }
        assertEquals("Ankle boot", DatasetKind.FASHION.classNames().get(9));
    }
}
