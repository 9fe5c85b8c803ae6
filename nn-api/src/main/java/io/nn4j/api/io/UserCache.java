package io.nn4j.api.io;

import java.nio.file.Path;

/**
 * The folder where nn4j keeps what it can make again but would rather not make on every start
 * (the cpu backend's unpacked OpenBLAS, the record of data files already checked):
 * {@code nn4j} in {@code $XDG_CACHE_HOME} when that is an absolute path, else in
 * {@code ~/.cache}, as the XDG base directory specification has it. It is not created here.
 *
 * <p>Stateless: safe to call from any thread.
 */
public final class UserCache {
    private UserCache() {
    }

    /**
     * The folder, read from the environment and {@code user.home} at each call.
     *
     * @return {@code $XDG_CACHE_HOME/nn4j} or {@code ~/.cache/nn4j}
     */
    public static Path folder() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path root = xdg != null && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return root.resolve("nn4j");
    }
}
