package io.nn4j.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFileTest {
    private static final String ABC_SHA256 =
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

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
        assertTrue(message.contains(ABC_SHA256), message);
        assertTrue(message.contains(images.sha256()), message);
        assertTrue(message.contains("scripts/fetch-mnist.sh"), message);
    }

    @Test
    void hashesMatchTheKnownSha256OfAbc() throws IOException {
        Path file = Files.write(dir.resolve("abc"), "abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals(ABC_SHA256, DataFile.sha256Of(file));
    }

    @Test
    void aFileCheckedOnceIsVouchedForUntilItChanges() throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve("abc"), "abc");
        DataFile abc = new DataFile("abc", ABC_SHA256, "fetch it");
        VerifiedFiles checked = new VerifiedFiles(dir.resolve("cache/verified.properties"),
                inAnHour());
        assertFalse(checked.vouchesFor(checked.stamp(file, ABC_SHA256)));
        assertEquals(file, abc.verifiedIn(dir, checked));
        assertTrue(checked.vouchesFor(checked.stamp(file, ABC_SHA256)));
        assertFalse(checked.vouchesFor(checked.stamp(file, "0".repeat(64))),
                "a record vouches only for the hash that was checked");

        FileTime modified = Files.getLastModifiedTime(file);
        Object changed = Files.getAttribute(file, "unix:ctime");
        for (int tries = 0; changed.equals(Files.getAttribute(file, "unix:ctime")); tries++) {
            assertTrue(tries < 40, "the file system's ctime did not move in 2 s");
            Thread.sleep(50);
            Files.writeString(file, "abd");
            Files.setLastModifiedTime(file, modified);
        }
        assertFalse(checked.vouchesFor(checked.stamp(file, ABC_SHA256)));
        IOException e = assertThrows(IOException.class, () -> abc.verifiedIn(dir, checked));
        assertTrue(e.getMessage().contains("SHA-256 is "), e.getMessage());
    }

    @Test
    void aFileChangedJustNowIsNotRecorded() throws IOException {
        Path file = Files.writeString(dir.resolve("abc"), "abc");
        VerifiedFiles checked = new VerifiedFiles(dir.resolve("verified.properties"),
                Clock.systemUTC());
        new DataFile("abc", ABC_SHA256, "fetch it").verifiedIn(dir, checked);
        assertFalse(checked.vouchesFor(checked.stamp(file, ABC_SHA256)));
    }

    @Test
    void aRecordThatCannotBeWrittenOrReadOnlyCostsTheHash() throws IOException {
        Files.writeString(dir.resolve("abc"), "abc");
        Path notAFolder = Files.writeString(dir.resolve("plain"), "x");
        DataFile abc = new DataFile("abc", ABC_SHA256, "fetch it");
        assertEquals(dir.resolve("abc"),
                abc.verifiedIn(dir, new VerifiedFiles(notAFolder.resolve("v"), inAnHour())));
        Path garbled = Files.write(dir.resolve("garbled"), new byte[] {'\\', 'u', 'z'});
        assertEquals(dir.resolve("abc"),
                abc.verifiedIn(dir, new VerifiedFiles(garbled, inAnHour())));
    }

    /** A clock an hour ahead, to which every file just written is old enough to record. */
    private static Clock inAnHour() {
        return Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
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
