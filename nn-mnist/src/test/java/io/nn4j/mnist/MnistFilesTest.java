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

class MnistFilesTest {
    @TempDir
    Path dir;

    @Test
    void missingFileNamesItAndTheFetchScript() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> MnistFiles.TEST_LABELS.verifiedIn(dir));
        String message = e.getMessage();
        assertTrue(message.contains(dir.resolve("t10k-labels-idx1-ubyte").toString()), message);
        assertTrue(message.contains("missing"), message);
        assertTrue(message.contains("scripts/fetch-mnist.sh"), message);
    }

    @Test
    void wrongHashNamesTheFileBothHashesAndTheFix() throws IOException {
        Path file = Files.writeString(dir.resolve("train-images-idx3-ubyte"), "abc");
        IOException e = assertThrows(IOException.class,
                () -> MnistFiles.TRAIN_IMAGES.verifiedIn(dir));
        String message = e.getMessage();
        assertTrue(message.startsWith(file.toString()), message);
        assertTrue(message.contains(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), message);
        assertTrue(message.contains(MnistFiles.TRAIN_IMAGES.sha256()), message);
        assertTrue(message.contains("scripts/fetch-mnist.sh"), message);
    }

    @Test
    void hashesMatchTheKnownSha256OfAbc() throws IOException {
        Path file = Files.write(dir.resolve("abc"), "abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                MnistFiles.sha256Of(file));
    }
}
