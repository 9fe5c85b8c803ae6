package io.nn4j.backend.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The BLAS libraries this process has mapped, read from Linux's {@code /proc/self/maps}: what
 * netlib's binding really runs, which is not what the cpu backend chose when another library
 * (Spark MLlib, for one) loaded netlib first. Elsewhere, or when the file cannot be read, it
 * knows nothing. Stateless: safe from any thread.
 */
final class MappedBlas {
    static final Path MAPS = Path.of("/proc/self/maps");
    private static final Pattern BLAS_FILE = Pattern.compile("lib(open)?blas[^/]*\\.so[^/]*");

    private MappedBlas() {
    }

    /** The BLAS library files mapped into this process, each once, in order; empty if unknown. */
    static List<Path> files() {
        return files(MAPS);
    }

    /** {@link #files()} from a maps file in {@code /proc/self/maps}'s format. */
    static List<Path> files(Path maps) {
        List<String> lines;
        try {
            lines = Files.readAllLines(maps);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        for (String line : lines) {
            int slash = line.indexOf('/');
            if (slash < 0) {
                continue;
            }
            Path file = Path.of(line.substring(slash).trim());
            if (BLAS_FILE.matcher(file.getFileName().toString()).matches()
                    && !files.contains(file)) {
                files.add(file);
            }
        }
        return files;
    }

    /**
     * The library really in use, in words, when the process maps BLAS files and none of them is
     * in {@code chosenFolder}: the first OpenBLAS file mapped (its name often carries the
     * version, e.g. {@code libopenblasp-r0.3.21.so}), else the first BLAS file; null when the
     * choice holds or nothing is known.
     */
    static String otherThan(Path chosenFolder) {
        List<Path> mapped = files();
        if (mapped.isEmpty() || mapped.stream().anyMatch(file -> file.startsWith(chosenFolder))) {
            return null;
        }
        Path library = mapped.stream()
                .filter(file -> file.getFileName().toString().contains("openblas"))
                .findFirst().orElse(mapped.get(0));
        return "the system's " + library;
    }
}
