package io.nn4j.mnist;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests: any magic number, dimensions and data bytes. */
final class IdxFiles {
    private IdxFiles() {
    }

    /** The bytes of an IDX file with the given magic, dimensions and data. */
    static byte[] bytes(int magic, int[] dimensions, byte[] data) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeInt(magic);
            for (int d : dimensions) {
                out.writeInt(d);
            }
            out.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return buffer.toByteArray();
    }

    /** An unsigned-byte IDX file with {@code dimensions.length} dimensions and {@code data}. */
    static byte[] unsignedBytes(int[] dimensions, byte[] data) {
        return bytes(0x0800 | dimensions.length, dimensions, data);
    }

    /** {@code count} data bytes 0, 1, 2, … (wrapping at 256). */
    static byte[] counting(int count) {
        byte[] data = new byte[count];
        for (int i = 0; i < count; i++) {
            data[i] = (byte) i;
        }
        return data;
    }

    /** Writes {@code content} to {@code file} as is. */
    static Path write(Path file, byte[] content) throws IOException {
        return Files.write(file, content);
    }

    /** Writes {@code content} to {@code file} gzip-compressed. */
    static Path writeGzip(Path file, byte[] content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
        return file;
    }
}
