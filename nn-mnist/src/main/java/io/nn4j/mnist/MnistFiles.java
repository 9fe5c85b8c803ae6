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
 * The four MNIST files, each with the SHA-256 of the published copy, so that a corrupt,
 * partial or different file is caught before it is read.
 */
public enum MnistFiles {
    /** 60,000 training images, 28 × 28. */
    TRAIN_IMAGES("train-images-idx3-ubyte",
            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
    /** 60,000 training labels, 0 to 9. */
    TRAIN_LABELS("train-labels-idx1-ubyte",
            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
    /** 10,000 test images, 28 × 28. */
    TEST_IMAGES("t10k-images-idx3-ubyte",
            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
    /** 10,000 test labels, 0 to 9. */
    TEST_LABELS("t10k-labels-idx1-ubyte",
            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

    /** What to run to put the files in place. */
    public static final String FETCH_HINT = "run scripts/fetch-mnist.sh to download and verify"
            + " the MNIST files";

    private final String fileName;
    private final String sha256;

    MnistFiles(String fileName, String sha256) {
        this.fileName = fileName;
        this.sha256 = sha256;
    }

    /** The file's name within the data directory. */
    public String fileName() {
        return fileName;
    }

    /** The expected SHA-256, lower-case hex. */
    public String sha256() {
        return sha256;
    }

    /**
     * The file in {@code dir}, after checking that it exists and has the expected SHA-256.
     *
     * @throws NoSuchFileException when it is missing (the message says how to fetch it)
     * @throws IOException         when its hash differs, naming the file, both hashes and the fix
     */
    public Path verifiedIn(Path dir) throws IOException {
        Path file = dir.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null,
                    "MNIST file is missing; " + FETCH_HINT + " (or pass the directory that holds"
                            + " them)");
        }
        String actual = sha256Of(file);
        if (!actual.equals(sha256)) {
            throw new IOException(file + ": SHA-256 is " + actual + "; expected " + sha256
                    + " (the file is corrupt, partial or not the MNIST " + fileName + "); "
                    + FETCH_HINT);
        }
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
