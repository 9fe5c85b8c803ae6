package io.nn4j.mnist;

import static io.nn4j.api.testkit.Allocations.allocatedBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader: good files raw and compressed, and every way a file can be bad. */
class IdxReaderTest {
    @TempDir
    Path dir;

    /** Writes an IDX file of unsigned bytes named {@code name} into the test's folder. */
    private Path unsignedBytes(String name, int[] dimensions, byte[] data) throws IOException {
        return IdxFiles.write(dir.resolve(name), IdxFiles.unsignedBytes(dimensions, data));
    }

    @Test
    void readsRawImages() throws IOException {
        Path file = unsignedBytes("images.idx", new int[] {3, 2, 5}, IdxFiles.counting(30));
        IdxArray images = IdxReader.read(file, 3);
        assertArrayEquals(new int[] {3, 2, 5}, images.dimensions());
        assertEquals(3, images.count());
        assertEquals(10, images.itemSize());
        assertEquals(29, images.unsigned(29));
    }

    @Test
    void readsGzipLabelsWhateverTheName() throws IOException {
        byte[] labels = {0, 9, (byte) 200, 4};
        Path file = IdxFiles.writeGzip(dir.resolve("labels-no-gz-suffix"),
                IdxFiles.unsignedBytes(new int[] {4}, labels));
        IdxArray read = IdxReader.read(file, 1);
        assertEquals(4, read.count());
        assertEquals(1, read.itemSize());
        assertEquals(200, read.unsigned(2));
        assertEquals(9, read.unsigned(1));
    }

    @Test
    void rejectsBadMagic() throws IOException {
        Path file = IdxFiles.write(dir.resolve("not-idx"),
                IdxFiles.bytes(0x89504e47, new int[] {1}, new byte[1]));
        assertMessage(file, 3, "bad magic number 0x89504e47", "expected 0x00000803");
    }

    @Test
    void rejectsWrongDataType() throws IOException {
        Path file = IdxFiles.write(dir.resolve("floats"),
                IdxFiles.bytes(0x00000d01, new int[] {1}, new byte[4]));
        assertMessage(file, 1, "data type 0x0d", "expected 0x08 (unsigned byte)");
    }

    @Test
    void rejectsWrongDimensionCount() throws IOException {
        Path file = unsignedBytes("labels-as-images", new int[] {4}, new byte[4]);
        assertMessage(file, 3, "1 dimensions", "expected 3");
    }

    @Test
    void rejectsTruncatedRawData() throws IOException {
        Path file = unsignedBytes("short", new int[] {2, 3, 3}, IdxFiles.counting(17));
        assertMessage(file, 3, "truncated: 17 data bytes", "expect exactly 18");
    }

    @Test
    void rejectsTruncatedGzipData() throws IOException {
        Path file = IdxFiles.writeGzip(dir.resolve("short.gz"),
                IdxFiles.unsignedBytes(new int[] {2, 3, 3}, IdxFiles.counting(17)));
        assertMessage(file, 3, "truncated: the data ends after 17 values", "expect 18");
    }

    @Test
    void rejectsCutOffGzipStream() throws IOException {
        Path whole = IdxFiles.writeGzip(dir.resolve("whole.gz"),
                IdxFiles.unsignedBytes(new int[] {100}, IdxFiles.counting(100)));
        byte[] compressed = Files.readAllBytes(whole);
        Path file = IdxFiles.write(dir.resolve("cut.gz"), Arrays.copyOf(compressed, 20));
        assertMessage(file, 1, "compressed data ends early", "expected a complete IDX file");
    }

    @Test
    void rejectsTrailingRawBytes() throws IOException {
        Path file = unsignedBytes("long", new int[] {5}, IdxFiles.counting(6));
        assertMessage(file, 1, "trailing bytes: 6 data bytes", "expect exactly 5");
    }

    @Test
    void rejectsTrailingGzipBytes() throws IOException {
        Path file = IdxFiles.writeGzip(dir.resolve("long.gz"),
                IdxFiles.unsignedBytes(new int[] {5}, IdxFiles.counting(6)));
        assertMessage(file, 1, "trailing bytes after the 5 values", "expected the data to end");
    }

    @Test
    void rejectsAbsurdDimensionsBeforeAllocating() throws IOException {
        Path file = unsignedBytes("huge", new int[] {1 << 30, 1 << 30, 1}, new byte[16]);
        assertMessage(file, 3, "describe more than", "[1073741824, 1073741824, 1]");
    }

    @Test
    void rejectsLargeDimensionsThatTheFileDoesNotHold() throws IOException {
        Path raw = unsignedBytes("big-header", new int[] {60000, 28, 100}, new byte[16]);
        assertMessage(raw, 3, "truncated: 16 data bytes", "expect exactly 168000000");
        Path gzip = IdxFiles.writeGzip(dir.resolve("big-header.gz"),
                IdxFiles.unsignedBytes(new int[] {60000, 28, 28}, new byte[16]));
        assertMessage(gzip, 3, "describe 47040000 values, more than a gzip file of "
                + Files.size(gzip) + " bytes can hold", "expected at most 1032 bytes per");
    }

    @Test
    void aGzipBombIsRefusedBeforeItIsInflated() throws IOException {
        Path bomb = dir.resolve("bomb.gz");
        byte[] zeros = new byte[1 << 20];
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb))) {
            out.write(IdxFiles.unsignedBytes(new int[] {1 << 29}, new byte[0]));
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
        }
        long allocated = allocatedBytes(() -> assertMessage(bomb, 1, "describe 536870912 values, "
                + "more than a gzip file of " + size(bomb) + " bytes", "1032 bytes per"));
        assertTrue(allocated < (1 << 20), allocated + " bytes allocated to refuse a gzip bomb");
        Path claimsTooMuch = IdxFiles.writeGzip(dir.resolve("2-pow-31.gz"),
                IdxFiles.unsignedBytes(new int[] {1 << 15, 1 << 16}, new byte[0]));
        assertMessage(claimsTooMuch, 2, "describe more than 1073741824 values", "[32768, 65536]");
    }

    @Test
    void aGzipStreamIsInflatedOnlyToTheDeclaredSize() throws IOException {
        Path file = dir.resolve("long-tail.gz");
        byte[] zeros = new byte[1 << 20];
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(IdxFiles.unsignedBytes(new int[] {5}, IdxFiles.counting(5)));
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
        }
        long allocated = allocatedBytes(() -> assertMessage(file, 1,
                "trailing bytes after the 5 values", "expected the data to end"));
        assertTrue(allocated < (1 << 20), allocated + " bytes allocated for 5 values");
    }

    @Test
    void aDirectoryIsNamed() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("train-images-idx3-ubyte"));
        assertMessage(folder, 3, "is a directory", "expected an IDX file");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void rejectsNonPositiveDimensions() throws IOException {
        Path zero = unsignedBytes("zero", new int[] {0, 28, 28}, new byte[0]);
        assertMessage(zero, 3, "dimension 0 is 0", "expected a size in [1, ");
        Path negative = unsignedBytes("negative", new int[] {1, -1, 28}, new byte[0]);
        assertMessage(negative, 3, "dimension 1 is 4294967295", "expected a size in [1, ");
    }

    @Test
    void rejectsShortHeaders() throws IOException {
        Path empty = IdxFiles.write(dir.resolve("empty"), new byte[0]);
        assertMessage(empty, 1, "shorter than the 4-byte magic number", "expected an IDX header");
        Path cut = IdxFiles.write(dir.resolve("cut-header"),
                Arrays.copyOf(IdxFiles.unsignedBytes(new int[] {2, 2, 2}, new byte[8]), 10));
        assertMessage(cut, 3, "the header ends after 1 of 3 dimensions", "expected 16 header bytes");
    }

    private static void assertMessage(Path file, int rank, String found, String expected) {
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.read(file, rank));
        String message = e.getMessage();
        assertTrue(message.startsWith(file.toString()), message);
        assertTrue(message.contains(found), message);
        assertTrue(message.contains(expected), message);
    }
}
