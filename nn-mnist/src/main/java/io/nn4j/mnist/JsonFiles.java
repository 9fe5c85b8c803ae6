package io.nn4j.mnist;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * How the demo writes its JSON files ({@code summary.json}, {@code --summary-json}): NaN as
 * {@code null}, and each file written whole or not at all. Stateless: safe to use from any
 * thread.
 */
final class JsonFiles {
    private JsonFiles() {
    }

    /** The value, or JSON null for NaN or an infinity (a regression's accuracy, say). */
    static JsonElement number(double value) {
        return Double.isFinite(value) ? new JsonPrimitive(value) : JsonNull.INSTANCE;
    }

    /** {@code json} as one line of text, nulls written out. */
    static String text(JsonElement json) {
        return new GsonBuilder().serializeNulls().create().toJson(json);
    }

    /**
     * Writes {@code text} and a line break to {@code target} through a temporary file in the
     * same directory and a rename, so a reader never sees a partial file.
     */
    static void write(Path target, String text) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = directory.resolve("." + target.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, text + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
