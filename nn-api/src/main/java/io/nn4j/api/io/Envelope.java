package io.nn4j.api.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * The frame shared by this package's files: a 4-byte magic, a format version, the body, and a
 * CRC-32 of everything before it; written to a temporary file and renamed into place.
 */
final class Envelope {
    /** Files above this size are refused before they are read. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    /** Writes one body. */
    @FunctionalInterface
    interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    /** An opened, verified file: the body's stream and the file's size. */
    record Opened(DataInputStream body, int bytes) {
    }

    private Envelope() {
    }

    /** Writes {@code magic}, {@code version}, the body and the checksum to {@code file}, atomically. */
    static void write(Path file, int magic, int version, Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(version);
        body.write(out);
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeInt((int) crc.getValue());
        writeAtomically(file, bytes.toByteArray());
    }

    /**
     * Reads and verifies {@code file}: size, magic, a version in {@code [1, newestVersion]} and
     * the checksum, in that order.
     *
     * @param kind what the file should be, for messages (e.g. "nn4j model file")
     */
    static Opened open(Path file, int magic, int newestVersion, String kind) throws IOException {
        long size = Files.size(file);
        if (size < 12) {
            throw new ModelFormatException(file, "only " + size + " bytes; expected an " + kind);
        }
        if (size > MAX_BYTES) {
            throw new ModelFormatException(file, size + " bytes is more than the " + MAX_BYTES
                    + " an " + kind + " may have");
        }
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer header = ByteBuffer.wrap(bytes);
        int found = header.getInt(0);
        if (found != magic) {
            throw new ModelFormatException(file, String.format(
                    "starts with 0x%08X; expected the magic 0x%08X: not an %s", found, magic, kind));
        }
        int version = header.getInt(4);
        if (version < 1 || version > newestVersion) {
            throw new ModelFormatException(file, "format version " + version + "; this library "
                    + "reads versions 1 to " + newestVersion + (version > newestVersion
                    ? " (the file was written by a newer nn4j)" : ""));
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = header.getInt(bytes.length - 4);
        if ((int) crc.getValue() != stored) {
            throw new ModelFormatException(file, String.format("checksum mismatch (stored %08X, "
                    + "computed %08X): the file is corrupt or truncated", stored,
                    (int) crc.getValue()));
        }
        return new Opened(new DataInputStream(new ByteArrayInputStream(bytes, 8,
                bytes.length - 12)), bytes.length);
    }

    /**
     * Writes to a new hidden file beside the target (made with the default permissions, like
     * any file the user writes) and renames it over the target. A missing directory is made.
     */
    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling("." + target.getFileName() + "."
                + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
