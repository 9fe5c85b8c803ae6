package io.nn4j.mnist;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files of unsigned bytes (the MNIST format), raw or gzip-compressed.
 *
 * <p>The header is a magic number {@code 00 00 08 NN} (two zero bytes, data type {@code 0x08}
 * for unsigned byte, {@code NN} dimensions), then each dimension as a big-endian int, then the
 * values. Compression is detected from the gzip magic {@code 1f 8b}, not from the file name.
 *
 * <p>The header is read and checked before the body, and nothing is allocated beyond what it
 * justifies: the magic, data type and dimension count, each dimension, the product of the
 * dimensions against {@value #MAX_VALUES} values (1 GiB; MNIST's largest file holds 47 MB), and
 * against the bytes really there: exactly the file's size for a raw file; for a gzip file at most
 * {@value #MAX_DEFLATE_RATIO} times its compressed size (deflate's limit), so a small file that
 * claims a huge array fails at once. A gzip stream is inflated only up to the declared size (one
 * byte more shows trailing data), and its buffer grows only as data arrives. Every failure is an
 * {@link IdxFormatException} naming the file, what was found and what was expected.
 *
 * <p>Thread safety: stateless; any thread may call {@link #read}.
 */
public final class IdxReader {
    /** The IDX data type code of unsigned bytes. */
    public static final int UNSIGNED_BYTE = 0x08;
    /** The most values one IDX array may hold: 1 GiB. */
    static final long MAX_VALUES = 1L << 30;
    /** The most bytes deflate can make of one compressed byte. */
    static final long MAX_DEFLATE_RATIO = 1032;

    private static final int GZIP_MAGIC = 0x1f8b;
    private static final int GROWTH_START = 1 << 20;
    /**
     * The most bytes asked of the stream at once: a file stream copies a larger read through
     * a native buffer of that size, allocated afresh (a 47 MB read costs a fifth of a second
     * of page faults that 64 KiB reads do not).
     */
    private static final int READ_CHUNK = 1 << 16;

    private IdxReader() {
    }

    /**
     * Reads an IDX file of unsigned bytes with {@code rank} dimensions.
     *
     * @throws IdxFormatException when the header is not {@code 00 00 08 rank}, a dimension is
     *                            below 1, or the values are more or fewer than the dimensions say
     * @throws IOException        when the file cannot be read
     */
    public static IdxArray read(Path file, int rank) throws IOException {
        if (rank < 1 || rank > 255) {
            throw new IllegalArgumentException("rank must be in [1, 255], got " + rank);
        }
        if (Files.isDirectory(file)) {
            throw new IdxFormatException(file, "is a directory; expected an IDX file");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            boolean gzip = startsWithGzipMagic(raw);
            try (DataInputStream in = new DataInputStream(gzip ? new GZIPInputStream(raw) : raw)) {
                int[] dimensions = readHeader(file, in, rank);
                long values = valueCount(file, dimensions);
                long headerBytes = 4L + 4L * rank;
                if (gzip) {
                    checkCompressedSize(file, dimensions, values, Files.size(file));
                } else {
                    checkLength(file, dimensions, values, Files.size(file) - headerBytes);
                }
                byte[] data = readValues(file, in, dimensions, (int) values, !gzip);
                if (in.read() != -1) {
                    throw new IdxFormatException(file, "trailing bytes after the " + values
                            + " values of dimensions " + Arrays.toString(dimensions)
                            + "; expected the data to end there");
                }
                return new IdxArray(file, dimensions, data);
            } catch (EOFException e) {
                throw new IdxFormatException(file, "the " + (gzip ? "compressed " : "")
                        + "data ends early (" + e.getMessage() + "); expected a complete IDX file", e);
            } catch (ZipException e) {
                throw new IdxFormatException(file, "corrupt gzip data (" + e.getMessage()
                        + "); expected a gzip-compressed IDX file", e);
            }
        }
    }

    private static boolean startsWithGzipMagic(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first >= 0 && second >= 0 && ((first << 8) | second) == GZIP_MAGIC;
    }

    private static int[] readHeader(Path file, DataInputStream in, int rank) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new IdxFormatException(file, "shorter than the 4-byte magic number; expected an"
                    + " IDX header " + expectedMagic(rank), e);
        }
        if ((magic >>> 16) != 0) {
            throw new IdxFormatException(file, "bad magic number " + hex(magic)
                    + "; expected " + expectedMagic(rank) + " (is this an IDX file?)");
        }
        int type = (magic >>> 8) & 0xff;
        if (type != UNSIGNED_BYTE) {
            throw new IdxFormatException(file, "data type " + hexByte(type) + " in magic number "
                    + hex(magic) + "; expected " + hexByte(UNSIGNED_BYTE) + " (unsigned byte), "
                    + "magic " + expectedMagic(rank));
        }
        int found = magic & 0xff;
        if (found != rank) {
            throw new IdxFormatException(file, found + " dimensions in magic number " + hex(magic)
                    + "; expected " + rank + ", magic " + expectedMagic(rank));
        }
        int[] dimensions = new int[rank];
        for (int i = 0; i < rank; i++) {
            try {
                dimensions[i] = in.readInt();
            } catch (EOFException e) {
                throw new IdxFormatException(file, "the header ends after " + i + " of " + rank
                        + " dimensions; expected " + (4 + 4 * rank) + " header bytes", e);
            }
            if (dimensions[i] < 1) {
                throw new IdxFormatException(file, "dimension " + i + " is "
                        + Integer.toUnsignedString(dimensions[i]) + "; expected a size in [1, "
                        + Integer.MAX_VALUE + "]");
            }
        }
        return dimensions;
    }

    private static long valueCount(Path file, int[] dimensions) throws IdxFormatException {
        long product = 1;
        for (int d : dimensions) {
            product *= d;
            if (product > MAX_VALUES) {
                throw new IdxFormatException(file, "dimensions " + Arrays.toString(dimensions)
                        + " describe more than " + MAX_VALUES + " values; expected at most that"
                        + " (a corrupt header?)");
            }
        }
        return product;
    }

    private static void checkCompressedSize(Path file, int[] dimensions, long values,
                                            long compressedBytes) throws IdxFormatException {
        if (values > compressedBytes * MAX_DEFLATE_RATIO) {
            throw new IdxFormatException(file, "dimensions " + Arrays.toString(dimensions)
                    + " describe " + values + " values, more than a gzip file of "
                    + compressedBytes + " bytes can hold; expected at most " + MAX_DEFLATE_RATIO
                    + " bytes per compressed byte (truncated, or a header that lies?)");
        }
    }

    private static void checkLength(Path file, int[] dimensions, long values, long dataBytes)
            throws IdxFormatException {
        if (dataBytes != values) {
            throw new IdxFormatException(file, (dataBytes < values ? "truncated" : "trailing bytes")
                    + ": " + dataBytes + " data bytes after the header; dimensions "
                    + Arrays.toString(dimensions) + " expect exactly " + values);
        }
    }

    /**
     * Reads exactly {@code count} values. With a known length the array is allocated at once;
     * otherwise it starts small and doubles as data arrives, so a lying header cannot make it
     * allocate far more than the stream really holds.
     */
    private static byte[] readValues(Path file, InputStream in, int[] dimensions, int count,
                                     boolean lengthKnown) throws IOException {
        byte[] data = new byte[lengthKnown ? count : Math.min(count, GROWTH_START)];
        int filled = 0;
        while (filled < count) {
            if (filled == data.length) {
                data = Arrays.copyOf(data, (int) Math.min(count, 2L * data.length));
            }
            int n = in.read(data, filled, Math.min(data.length - filled, READ_CHUNK));
            if (n < 0) {
                throw new IdxFormatException(file, "truncated: the data ends after " + filled
                        + " values; dimensions " + Arrays.toString(dimensions) + " expect "
                        + count);
            }
            filled += n;
        }
        return data;
    }

    private static String expectedMagic(int rank) {
        return hex((UNSIGNED_BYTE << 8) | rank);
    }

    private static String hex(int value) {
        return String.format("0x%08x", value);
    }

    private static String hexByte(int value) {
        return String.format("0x%02x", value);
    }
}
