package io.nn4j.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz test of the IDX reader: any bytes, raw or gzip, either read as an array whose size
 * matches its dimensions or are refused with an {@link IdxFormatException} naming the file;
 * never another exception, an OutOfMemoryError or a hang. The test command replays the committed
 * corpus ({@code src/test/resources/io/nn4j/mnist/IdxReaderFuzzTestInputs/read/});
 * {@code JAZZER_FUZZ=1} fuzzes (docs/reliability.md). An input's first byte picks the rank asked
 * for (1 to 3); the rest is the file.
 */
class IdxReaderFuzzTest {
    private static Path dir;

    @BeforeAll
    static void makeFolder() throws IOException {
        dir = Files.createTempDirectory("nn4j-idx-fuzz");
    }

    @AfterAll
    static void removeFolder() throws IOException {
        Files.deleteIfExists(dir.resolve("input.idx"));
        Files.deleteIfExists(dir);
    }

    @FuzzTest(maxDuration = "60s")
    void read(byte[] input) throws IOException {
        int rank = input.length == 0 ? 1 : 1 + (input[0] & 0xff) % 3;
        Path file = Files.write(dir.resolve("input.idx"),
                input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length));
        try {
            IdxArray array = IdxReader.read(file, rank);
            long values = 1;
            for (int d : array.dimensions()) {
                values *= d;
            }
            assertEquals(values, (long) array.count() * array.itemSize());
        } catch (IdxFormatException e) {
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        }
    }
}
