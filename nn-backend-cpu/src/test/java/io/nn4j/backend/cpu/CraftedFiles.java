package io.nn4j.backend.cpu;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Model and checkpoint files built byte by byte for tests: a body framed with magic, version and
 * a valid CRC-32, so that a crafted body reaches the parser. Not shared between threads.
 */
final class CraftedFiles {
    /** Writes a body's fields. */
    @FunctionalInterface
    interface Fields {
        void write(DataOutputStream out) throws IOException;
    }

    private CraftedFiles() {
    }

    /** Magic, version, the fields, and the CRC-32 of all of that. */
    static byte[] framed(int magic, int version, Fields fields) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(version);
        fields.write(out);
        out.writeInt(0);
        return resigned(bytes.toByteArray());
    }

    /**
     * {@code file} without its bytes {@code from} to {@code from + count − 1}, its version
     * field set to {@code version}, its checksum not yet fixed ({@link #resigned}): a file of an
     * older version made from a newer one that lacks a section.
     */
    static byte[] cut(byte[] file, int from, int count, int version) {
        byte[] older = new byte[file.length - count];
        System.arraycopy(file, 0, older, 0, from);
        System.arraycopy(file, from + count, older, from, older.length - from);
        ByteBuffer.wrap(older).putInt(4, version);
        return older;
    }

    /** {@code file} with its last four bytes replaced by the CRC-32 of the bytes before them. */
    static byte[] resigned(byte[] file) {
        byte[] copy = Arrays.copyOf(file, file.length);
        CRC32 crc = new CRC32();
        crc.update(copy, 0, copy.length - 4);
        ByteBuffer.wrap(copy).putInt(copy.length - 4, (int) crc.getValue());
        return copy;
    }
}
