package io.nn4j.api.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * The frame shared by this package's files: a 4-byte magic, a format version, the body, and a
 * CRC-32 of everything before it.
 *
 * <p>Writing goes through {@link AtomicFile}: a temporary file beside the target, every byte
 * written and counted, forced, renamed over the target, and the directory forced. Reading checks
 * the size, then the magic, then streams the file once through CRC-32 (checksum before version,
 * so a damaged version field reads as damage), then the version, and only then hands the body to
 * a parser as a buffered stream. The checks allocate a fixed 64 KiB whatever the file's size;
 * the parsers allocate only what the counts they read, bounded by the body's size, justify.
 */
final class Envelope {
    /** Files above this size are refused before they are read. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;
    /** Magic, version and checksum. */
    static final int FRAME_BYTES = 12;

    private static final int BUFFER = 1 << 16;

    /** Writes one body. */
    @FunctionalInterface
    interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    /** Parses one verified body. */
    @FunctionalInterface
    interface Parser<T> {
        /**
         * Reads the body of a file of format {@code version} from {@code in}; {@code bodyBytes}
         * bounds every count read from it. Runtime exceptions of type
         * {@link IllegalArgumentException} become format errors. A result that is
         * {@link AutoCloseable} is closed when the body turns out to be too long.
         */
        T parse(DataInputStream in, long bodyBytes, int version) throws IOException;
    }

    private Envelope() {
    }

    /** Writes {@code magic}, {@code version}, the body and the checksum to {@code file}, atomically. */
    static void write(Path file, int magic, int version, Body body) throws IOException {
        write(file, magic, version, body, UnaryOperator.identity());
    }

    /**
     * As {@link #write(Path, int, int, Body)}, with every byte going through the channel that
     * {@code channels} makes of the temporary file's (a seam for fault-injection tests).
     */
    static void write(Path file, int magic, int version, Body body,
                      UnaryOperator<WritableByteChannel> channels) throws IOException {
        AtomicFile.write(file, channels, stream -> {
            CRC32 crc = new CRC32();
            BufferedOutputStream buffered = new BufferedOutputStream(stream, BUFFER);
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(buffered, crc));
            out.writeInt(magic);
            out.writeInt(version);
            body.write(out);
            out.flush();
            if (out.size() > MAX_BYTES - Integer.BYTES) {
                throw new IOException("the file would be larger than the " + MAX_BYTES
                        + " bytes a reader accepts");
            }
            // The checksum goes around the CRC, straight to the buffer.
            new DataOutputStream(buffered).writeInt((int) crc.getValue());
            buffered.flush();
        });
    }

    /**
     * Reads and verifies {@code file} (size, magic, checksum, version in {@code [1,
     * newestVersion]}, in that order), then parses its body with {@code parser}, which must
     * consume it exactly.
     *
     * @param kind what the file should be, for messages (e.g. "nn4j model file")
     * @throws ModelFormatException for every way the file can be bad, naming it
     * @throws java.nio.file.NoSuchFileException when it does not exist
     */
    static <T> T read(Path file, int magic, int newestVersion, String kind, Parser<T> parser)
            throws IOException {
        if (Files.isDirectory(file)) {
            throw new ModelFormatException(file, "is a directory; expected an " + kind);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < FRAME_BYTES) {
                throw new ModelFormatException(file, "only " + size + " bytes; expected an "
                        + kind);
            }
            if (size > MAX_BYTES) {
                throw new ModelFormatException(file, size + " bytes is more than the " + MAX_BYTES
                        + " an " + kind + " may have");
            }
            ByteBuffer header = readFully(file, channel, 0, 8);
            int found = header.getInt(0);
            if (found != magic) {
                throw new ModelFormatException(file, String.format(
                        "starts with 0x%08X; expected the magic 0x%08X: not an %s", found, magic,
                        kind));
            }
            verifyChecksum(file, channel, size);
            int version = header.getInt(4);
            if (version < 1 || version > newestVersion) {
                throw new ModelFormatException(file, "format version " + version + "; this "
                        + "library reads versions 1 to " + newestVersion + (version > newestVersion
                        ? " (the file was written by a newer nn4j)" : ""));
            }
            return parseBody(file, channel, size - FRAME_BYTES, version, parser);
        }
    }

    private static void verifyChecksum(Path file, FileChannel channel, long size)
            throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        long position = 0;
        long end = size - Integer.BYTES;
        while (position < end) {
            buffer.clear().limit((int) Math.min(BUFFER, end - position));
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw new ModelFormatException(file, "ends at byte " + position + " while it "
                        + "was being read; expected " + size + " bytes (changed while reading?)");
            }
            buffer.flip();
            crc.update(buffer);
            position += n;
        }
        int stored = readFully(file, channel, end, Integer.BYTES).getInt(0);
        if ((int) crc.getValue() != stored) {
            throw new ModelFormatException(file, String.format("checksum mismatch (stored %08X, "
                    + "computed %08X): the file is corrupt or truncated", stored,
                    (int) crc.getValue()));
        }
    }

    private static <T> T parseBody(Path file, FileChannel channel, long bodyBytes, int version,
                                   Parser<T> parser) throws IOException {
        channel.position(8);
        BoundedInput bounded = new BoundedInput(Channels.newInputStream(channel), bodyBytes);
        DataInputStream in = new DataInputStream(new BufferedInputStream(bounded, BUFFER));
        T parsed;
        try {
            parsed = parser.parse(in, bodyBytes, version);
        } catch (EOFException e) {
            throw new ModelFormatException(file, "ends early: its body (" + bodyBytes
                    + " bytes) stops inside a field", e);
        } catch (UTFDataFormatException e) {
            throw new ModelFormatException(file, "holds a name that is not modified UTF-8 ("
                    + e.getMessage() + ")", e);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file, e.getMessage(), e);
        }
        long left = bodyBytes - bounded.consumed() + in.available();
        if (left != 0) {
            ModelFormatException e = new ModelFormatException(file, left + " bytes after the end "
                    + "of its body; expected the checksum there");
            if (parsed instanceof AutoCloseable made) {
                try {
                    made.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        return parsed;
    }

    private static ByteBuffer readFully(Path file, FileChannel channel, long position, int bytes)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new ModelFormatException(file, "ends at byte " + (position
                        + buffer.position()) + " while it was being read (changed while reading?)");
            }
        }
        return buffer;
    }

    /** A stream that ends after {@code limit} bytes and counts what it gave. */
    private static final class BoundedInput extends InputStream {
        private final InputStream in;
        private long left;
        private final long limit;

        BoundedInput(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
            this.limit = limit;
        }

        long consumed() {
            return limit - left;
        }

        @Override
        public int read() throws IOException {
            if (left == 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return len == 0 ? 0 : -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
