package io.nn4j.bench.report;

import io.nn4j.api.BackendStatus;
import io.nn4j.api.Backends;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What the figures were measured on: processor, cores, memory, OS and each backend's state. */
final class MachineDescription {
    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");

    private MachineDescription() {
    }

    /** The processor, cores, physical memory and operating system of this machine. */
    static String hardware() {
        String memory = "";
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean detailed) {
            memory = String.format(Locale.ROOT, ", %.1f GiB memory",
                    detailed.getTotalMemorySize() / (double) (1L << 30));
        }
        return cpuModel().orElse(System.getProperty("os.arch")) + ", "
                + Runtime.getRuntime().availableProcessors() + " cores" + memory + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    /** Each discovered backend with what it found or why it is unavailable. */
    static String backends() {
        List<BackendStatus> statuses = Backends.list();
        return statuses.isEmpty() ? "none found" : statuses.stream()
                .map(s -> s.name() + ": " + (s.availability().available() ? "" : "unavailable, ")
                        + s.availability().reason())
                .collect(Collectors.joining("; "));
    }

    /** The processor's model name, where the OS tells it (Linux). */
    private static Optional<String> cpuModel() {
        if (!Files.isReadable(CPU_INFO)) {
            return Optional.empty();
        }
        try {
            return Files.readAllLines(CPU_INFO, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
