package io.nn4j.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of nn-api's main code import one another without a cycle (e.g. {@code io} may
 * use {@code train}'s types or the other way round, never both), read from the import lines of
 * the sources. The test runs in the module's folder, as Maven runs it.
 */
class PackageCyclesTest {
    private static final Path SOURCES = Path.of("src/main/java/io/nn4j/api");
    private static final Pattern IMPORT =
            Pattern.compile("^import (?:static )?io\\.nn4j\\.api\\.([a-z]+)\\.", Pattern.MULTILINE);

    @Test
    void noPackageDependsOnItselfThroughOthers() throws IOException {
        Map<String, Set<String>> imports = importsByPackage();
        assertTrue(imports.size() >= 5, "found the packages " + imports.keySet());
        for (String start : imports.keySet()) {
            List<String> cycle = cycleThrough(start, imports);
            assertTrue(cycle.isEmpty(), "package cycle: " + String.join(" -> ", cycle));
        }
    }

    /** Each sub-package of io.nn4j.api with the sub-packages its files import. */
    private static Map<String, Set<String>> importsByPackage() throws IOException {
        Map<String, Set<String>> imports = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                Path relative = SOURCES.relativize(file.getParent());
                if (relative.toString().isEmpty()) {
                    continue;
                }
                String from = relative.getName(0).toString();
                Set<String> targets = imports.computeIfAbsent(from, p -> new TreeSet<>());
                Matcher matcher = IMPORT.matcher(Files.readString(file));
                while (matcher.find()) {
                    if (!matcher.group(1).equals(from)) {
                        targets.add(matcher.group(1));
                    }
                }
            }
        }
        assertFalse(imports.isEmpty(), "no sources under " + SOURCES.toAbsolutePath());
        return imports;
    }

    /** A path of imports from {@code start} back to itself, or an empty list. */
    private static List<String> cycleThrough(String start, Map<String, Set<String>> imports) {
        Deque<List<String>> paths = new ArrayDeque<>();
        paths.add(List.of(start));
        Set<String> seen = new TreeSet<>();
        while (!paths.isEmpty()) {
            List<String> path = paths.poll();
            for (String next : imports.getOrDefault(path.get(path.size() - 1), Set.of())) {
                List<String> longer = new ArrayList<>(path);
                longer.add(next);
                if (next.equals(start)) {
                    return longer;
                }
                if (seen.add(next)) {
                    paths.add(longer);
                }
            }
        }
        return List.of();
    }
}
