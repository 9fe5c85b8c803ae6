package io.nn4j.mnist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One file of a data set with the SHA-256 of the published copy, so that a corrupt, partial or
 * different file is caught before it is read.
 *
 * <p>Immutable: safe to share between threads.
 *
 * @param fileName  the file's name within the data directory
 * @param sha256    the expected SHA-256, lower-case hex
 * @param fetchHint what to run to put the file in place, for messages
 */
public record DataFile(String fileName, String sha256, String fetchHint) {

    /**
     * The file in {@code dir}, after checking that it exists and has the expected SHA-256; a
     * file unchanged since an earlier check ({@link VerifiedFiles}, in the user's cache) is not
     * hashed again.
     *
     * @throws NoSuchFileException when it is missing (the message says how to fetch it)
     * @throws IOException         when its hash differs, naming the file, both hashes and the fix
     */
    public Path verifiedIn(Path dir) throws IOException {
        return verifiedIn(dir, VerifiedFiles.inUserCache());
    }

    /** As {@link #verifiedIn(Path)}, with the earlier checks kept in {@code checked}. */
    Path verifiedIn(Path dir, VerifiedFiles checked) throws IOException {
        Path file = dir.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "data file is missing; "
                    + fetchHint + " (or pass the directory that holds it with --data-dir)");
        }
        VerifiedFiles.Stamp seen = checked.stamp(file, sha256);
        if (checked.vouchesFor(seen)) {
            return file;
        }
        String actual = sha256Of(file);
        if (!actual.equals(sha256)) {
            throw new IOException(file + ": SHA-256 is " + actual + "; expected " + sha256
                    + " (the file is corrupt, partial or not the published " + fileName + "); "
                    + fetchHint);
        }
        checked.record(seen);
        return file;
    }

    /** The SHA-256 of a file's contents, lower-case hex. */
    static String sha256Of(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
