package io.nn4j.api.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Saves through a channel that behaves like a full disk (the variant of the full-disk test that
 * needs no root; {@code FullDiskTest} in nn-backend-cpu uses a real tmpfs): the save throws
 * naming the target, the previous file keeps every byte, and no temporary file remains.
 */
class EnvelopeFaultTest {
    private static final int MAGIC = 0x54455354;
    private static final int OLD_BODY = 1_000;
    private static final int NEW_BODY = 300_000;
    private static final int CAPACITY = 100_000;

    @TempDir
    Path dir;
    private Path target;
    private byte[] previous;

    /** How the disk behaves once {@link #CAPACITY} bytes are in. */
    enum Full {
        /** A short write, then writes that take nothing. */
        TAKES_NOTHING,
        /** A short write, then {@code ENOSPC}. */
        THROWS,
        /** Reports every byte written but keeps only the first ones. */
        LOSES_BYTES_SILENTLY
    }

    @BeforeEach
    void saveAGoodFile() throws IOException {
        target = dir.resolve("model.nn4j");
        Envelope.write(target, MAGIC, 1, out -> out.write(pattern(OLD_BODY)));
        previous = Files.readAllBytes(target);
    }

    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    private static UnaryOperator<WritableByteChannel> fullAfter(long capacity, Full full) {
        return channel -> new WritableByteChannel() {
            private long written;

            @Override
            public int write(ByteBuffer src) throws IOException {
                long room = capacity - written;
                if (room <= 0 && full == Full.THROWS) {
                    throw new IOException("No space left on device");
                }
                int asked = src.remaining();
                ByteBuffer part = src.slice().limit((int) Math.max(0, Math.min(asked, room)));
                int n = channel.write(part);
                written += n;
                src.position(src.position() + (full == Full.LOSES_BYTES_SILENTLY ? asked : n));
                return full == Full.LOSES_BYTES_SILENTLY ? asked : n;
            }

            @Override
            public boolean isOpen() {
                return channel.isOpen();
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @ParameterizedTest
    @EnumSource(Full.class)
    void aFullDiskLeavesThePreviousFileAndNoTemporary(Full full) throws IOException {
        IOException e = assertThrows(IOException.class, () -> Envelope.write(target, MAGIC, 1,
                out -> out.write(pattern(NEW_BODY)), fullAfter(CAPACITY, full)));
        assertTrue(e.getMessage().startsWith("could not save " + target.toAbsolutePath()),
                e.getMessage());
        assertArrayEquals(previous, Files.readAllBytes(target));
        assertEquals(List.of(target), files());
        byte[] body = Envelope.read(target, MAGIC, 1, "test file",
                (in, bytes, version) -> in.readNBytes((int) bytes));
        assertArrayEquals(pattern(OLD_BODY), body);
    }

    @Test
    void aBodyThatFailsLeavesThePreviousFileAndNoTemporary() throws IOException {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Envelope.write(target, MAGIC, 1, out -> {
                    out.write(pattern(NEW_BODY));
                    throw new IllegalStateException("the model went away");
                }));
        assertEquals("the model went away", e.getMessage());
        assertArrayEquals(previous, Files.readAllBytes(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void staleTemporariesOfDeadProcessesGoOthersStay() throws IOException, InterruptedException {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        long dead = exited.pid();
        long self = ProcessHandle.current().pid();
        Path stale = Files.write(dir.resolve(".model.nn4j." + dead + ".-42.tmp"), pattern(10));
        Path live = Files.write(dir.resolve(".model.nn4j." + self + ".17.tmp"), pattern(10));
        Path otherTarget = Files.write(dir.resolve(".other.nn4j." + dead + ".17.tmp"),
                pattern(10));
        Path notOurs = Files.write(dir.resolve(".model.nn4j.notes.tmp"), pattern(10));
        assertTrue(ProcessHandle.of(dead).isEmpty(), "the exited process is gone");
        Envelope.write(target, MAGIC, 1, out -> out.write(pattern(OLD_BODY)));
        assertFalse(Files.exists(stale), "a dead process's temporary file is removed");
        assertEquals(Set.of(target, live, otherTarget, notOurs), Set.copyOf(files()),
                files().stream().map(Path::toString).collect(Collectors.joining(", ")));
    }
}
