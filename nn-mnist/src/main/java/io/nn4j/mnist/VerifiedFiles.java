package io.nn4j.mnist;

import io.nn4j.api.io.AtomicFile;
import io.nn4j.api.io.UserCache;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data files whose SHA-256 matched, each with what identified the file at that moment: its
 * device and inode, size, modification time and status-change time ({@code ctime}). A file that
 * still shows all five is the same file, unchanged, and need not be hashed again: every write,
 * truncation, replacement or rename onto it changes its size, its inode or its {@code ctime},
 * and {@code ctime} cannot be set back (only the system clock moves it), unlike the modification
 * time. Where the file system does not report these (no {@code unix} attribute view), nothing is
 * vouched for and every file is hashed.
 *
 * <p>The record is a properties file in the user's cache ({@code verified-data.properties} in
 * {@link UserCache#folder()}), replaced whole ({@link AtomicFile}). It is only a shortcut: one
 * that cannot be read or written is ignored (logged at DEBUG) and the files are hashed as if it
 * were not there.
 *
 * <p>Safe to share between threads and processes: each call reads the record afresh, and two
 * writers each replace it whole (the later one's entries win).
 */
final class VerifiedFiles {
    private static final Logger LOG = LoggerFactory.getLogger(VerifiedFiles.class);
    private static final String ATTRIBUTES = "unix:dev,ino,size,lastModifiedTime,ctime";

    /**
     * How recent a change may be and still be recorded: a file changed within the file system's
     * timestamp granularity of its check could change again with the same times, so it is hashed
     * again until it is older (as git does with racily clean files).
     */
    static final Duration SETTLING = Duration.ofSeconds(2);

    private final Path store;
    private final Clock clock;

    /** A record kept in {@code store}, that takes the time from {@code clock}. */
    VerifiedFiles(Path store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The record in the user's cache folder ({@link UserCache}). */
    static VerifiedFiles inUserCache() {
        return new VerifiedFiles(UserCache.folder().resolve("verified-data.properties"),
                Clock.systemUTC());
    }

    /**
     * What identifies {@code file} now, with the SHA-256 it should have; null where the file
     * system does not say. Taken before hashing, so that a file that changes while it is hashed
     * is hashed again next time.
     */
    Stamp stamp(Path file, String sha256) {
        try {
            Map<String, Object> seen = Files.readAttributes(file, ATTRIBUTES);
            FileTime changed = (FileTime) seen.get("ctime");
            return new Stamp(key(file), String.join(" ", sha256, String.valueOf(seen.get("dev")),
                    String.valueOf(seen.get("ino")), String.valueOf(seen.get("size")),
                    nanos(seen.get("lastModifiedTime")), nanos(changed)), changed.toInstant());
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            LOG.debug("no file identity for {}", file, e);
            return null;
        }
    }

    /** Whether a file was found to have its SHA-256 when it looked exactly as {@code now}. */
    boolean vouchesFor(Stamp now) {
        return now != null && now.value().equals(read().getProperty(now.key()));
    }

    /**
     * Records that the file of {@code checked}, as it looked then, had its SHA-256; a file that
     * changed less than {@link #SETTLING} ago is not recorded.
     */
    void record(Stamp checked) {
        if (checked == null || checked.changed().isAfter(clock.instant().minus(SETTLING))) {
            return;
        }
        Properties entries = read();
        entries.setProperty(checked.key(), checked.value());
        try {
            AtomicFile.write(store, out -> entries.store(out, "data files whose SHA-256 nn4j"
                    + " checked"));
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not record the check of {} in {}", checked.key(), store, e);
        }
    }

    private Properties read() {
        Properties entries = new Properties();
        if (Files.isRegularFile(store)) {
            try (InputStream in = Files.newInputStream(store)) {
                entries.load(in);
            } catch (IOException | RuntimeException e) {
                LOG.debug("ignoring the unreadable record {}", store, e);
                return new Properties();
            }
        }
        return entries;
    }

    private static String nanos(Object time) {
        return String.valueOf(((FileTime) time).to(TimeUnit.NANOSECONDS));
    }

    private static String key(Path file) {
        try {
            return file.toRealPath().toString();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize().toString();
        }
    }

    /**
     * A file's identity and expected SHA-256 at one moment.
     *
     * @param key     the file's real path
     * @param value   the hash, device, inode, size, modification and status-change times
     * @param changed the status-change time
     */
    record Stamp(String key, String value, Instant changed) {
    }
}
