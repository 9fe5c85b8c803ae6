package io.nn4j.api.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The cache folder: nn4j's own, absolute, under XDG's cache home or the home folder's. */
class UserCacheTest {

    @Test
    void isAnAbsoluteFolderNamedAfterTheProjectInTheCacheHome() {
        Path folder = UserCache.folder();
        assertTrue(folder.isAbsolute(), folder.toString());
        assertEquals("nn4j", folder.getFileName().toString());
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path home = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        assertEquals(home, folder.getParent());
    }
}
