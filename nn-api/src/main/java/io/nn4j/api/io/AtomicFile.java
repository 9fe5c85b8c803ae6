package io.nn4j.api.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces a file whole or not at all. The bytes go to {@code .<name>.<pid>.<nanos>.tmp} beside
 * the target; every byte is written (the count of each write checked), the size checked, the
 * file forced, renamed over the target and the directory forced. Any failure throws an
 * {@link IOException} naming the target, deletes the temporary file and leaves the target as it
 * was. Temporary files of the same target left by processes that are no longer alive are deleted
 * first; those of live processes (which may be saving at the same moment) are left alone.
 * Model files and checkpoints are saved through it, and so are other modules' files (nn-onnx's
 * exported models).
 *
 * <p>Thread safety: static and stateless; any thread may call it. Two writes of one target (from
 * two threads or two processes) each replace it whole, the later rename winning.
 */
public final class AtomicFile {
    /** Writes a file's content; called once, on the saving thread. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes every byte of the file to {@code out}.
         *
         * @param out where the bytes go; not to be closed
         * @throws IOException when the content cannot be made or written; nothing is saved
         */
        void write(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * Writes {@code content} to {@code file} atomically: the file ends up holding every byte
     * written, or stays as it was.
     *
     * @param file the target; its directory is made when missing
     * @param content writes the bytes; an exception it throws leaves the target untouched
     * @throws IOException naming the target when it cannot be written, is a directory, or the
     *                     content fails; the previous file is untouched and no temporary file
     *                     is left
     */
    public static void write(Path file, Content content) throws IOException {
        write(file, UnaryOperator.identity(), content);
    }

    /**
     * Writes {@code content} to {@code file} atomically, each byte through the channel that
     * {@code channels} makes of the temporary file's (the identity outside tests).
     */
    static void write(Path file, UnaryOperator<WritableByteChannel> channels, Content content)
            throws IOException {
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new IOException(target + " is a directory; expected a file to save into "
                    + "(nothing was written)");
        }
        Path directory = target.getParent();
        Path temporary = directory.resolve("." + target.getFileName() + "."
                + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
        try {
            Files.createDirectories(directory);
            removeStaleTemporaries(target);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ChannelOutput out = new ChannelOutput(channels.apply(channel));
                content.write(out);
                long size = channel.size();
                if (size != out.count) {
                    throw new IOException("the temporary file holds " + size + " bytes; "
                            + out.count + " were written");
                }
                channel.force(true);
            }
            move(temporary, target);
            forceDirectory(directory);
        } catch (IOException e) {
            throw new IOException("could not save " + target + " (the previous file, if any, is "
                    + "untouched): " + e, e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void move(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename durable; file systems that cannot open or force a directory are fine. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every file system (or OS) lets a directory be opened or forced.
        }
    }

    /** Deletes temporary files of {@code target} whose writing process is gone. */
    private static void removeStaleTemporaries(Path target) throws IOException {
        Pattern pattern = Pattern.compile("\\." + Pattern.quote(target.getFileName().toString())
                + "\\.(\\d{1,18})\\.-?\\d{1,19}\\.tmp");
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target.getParent())) {
            for (Path entry : entries) {
                Matcher matcher = pattern.matcher(entry.getFileName().toString());
                if (matcher.matches() && ProcessHandle.of(Long.parseLong(matcher.group(1)))
                        .isEmpty()) {
                    deleteQuietly(entry);
                }
            }
        }
    }

    private static void deleteQuietly(Path stale) {
        try {
            Files.deleteIfExists(stale);
        } catch (IOException e) {
            // Left for the next save; it never stands in the way of this one.
        }
    }

    /** Writes to a channel until every byte is out, and counts them. */
    private static final class ChannelOutput extends OutputStream {
        private final WritableByteChannel channel;
        private long count;

        ChannelOutput(WritableByteChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) <= 0) {
                    throw new IOException("the file system took no more bytes after "
                            + (count + buffer.position() - offset) + " (is the disk full?)");
                }
            }
            count += length;
        }
    }
}
