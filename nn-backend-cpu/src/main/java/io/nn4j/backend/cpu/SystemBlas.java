package io.nn4j.backend.cpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the dynamic linker would find the system's {@code libblas.so.3}, the library netlib's
 * binding opens when it is not pointed elsewhere, found without loading it: the file in a folder
 * of {@code LD_LIBRARY_PATH}, its name in the linker's cache ({@code /etc/ld.so.cache}, written
 * by {@code ldconfig}), or the file in one of the linker's default folders.
 *
 * <p>A look, not a load: a library that is there but broken passes here and fails when the
 * backend is opened. Stateless: safe to call from any thread.
 */
final class SystemBlas {
    /** The file name netlib's binding opens by default. */
    static final String LIBRARY = "libblas.so.3";
    private static final Path LINKER_CACHE = Path.of("/etc/ld.so.cache");
    private static final List<Path> DEFAULT_FOLDERS = List.of(Path.of("/lib64"),
            Path.of("/usr/lib64"), Path.of("/lib"), Path.of("/usr/lib"));

    private SystemBlas() {
    }

    /** Whether the linker would find {@value #LIBRARY} on this machine. */
    static boolean present() {
        List<Path> folders = new ArrayList<>();
        String path = System.getenv("LD_LIBRARY_PATH");
        if (path != null) {
            for (String folder : path.split(":")) {
                if (!folder.isEmpty()) {
                    folders.add(Path.of(folder));
                }
            }
        }
        folders.addAll(DEFAULT_FOLDERS);
        return present(folders, LINKER_CACHE);
    }

    /** Whether {@value #LIBRARY} is in one of {@code folders} or named in {@code linkerCache}. */
    static boolean present(List<Path> folders, Path linkerCache) {
        for (Path folder : folders) {
            if (Files.exists(folder.resolve(LIBRARY))) {
                return true;
            }
        }
        return namedIn(linkerCache);
    }

    /**
     * Whether the cache names the library: as a string of its own, or as the end of a path
     * (newer caches keep a name only as the end of its path).
     */
    private static boolean namedIn(Path linkerCache) {
        String cache;
        try {
            cache = new String(Files.readAllBytes(linkerCache), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return false;
        }
        return cache.contains('\0' + LIBRARY + '\0') || cache.contains('/' + LIBRARY + '\0');
    }
}
