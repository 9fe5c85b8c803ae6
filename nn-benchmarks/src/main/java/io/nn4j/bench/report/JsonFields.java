package io.nn4j.bench.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading the report's JSON inputs with errors that name the file and the missing field. */
final class JsonFields {

    private JsonFields() {
    }

    /** The parsed contents of {@code file}; {@code what} describes the expected content. */
    static JsonElement parse(Path file, String what) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return JsonParser.parseReader(reader);
        } catch (JsonParseException e) {
            throw new IOException(file + " is not valid JSON; expected " + what, e);
        }
    }

    /**
     * The field {@code key} of {@code object}.
     *
     * @throws IllegalArgumentException naming the field when it is missing or null
     */
    static JsonElement required(JsonObject object, String key) {
        JsonElement value = object.get(key);
        if (value == null || value.isJsonNull()) {
            throw new IllegalArgumentException("field '" + key + "' is missing");
        }
        return value;
    }
}
