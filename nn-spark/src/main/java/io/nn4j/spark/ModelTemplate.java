package io.nn4j.spark;

import io.nn4j.api.Backend;
import io.nn4j.api.io.ModelFile;
import io.nn4j.api.nn.Architecture;
import io.nn4j.api.nn.Sequential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a fit's architecture reaches the executors: the driver's initial model as the bytes of a
 * {@link ModelFile} (the documented format, preprocessing included), broadcast once per fit;
 * each executor JVM reads it back once per fit and keeps the {@link Architecture}, by the fit's
 * id. Every round's weights come in their own broadcast.
 *
 * <p>Threads: safe from any thread (the cache is synchronized).
 */
final class ModelTemplate {
    private static final int KEPT = 4;
    private static final Map<String, Architecture> ARCHITECTURES =
            new LinkedHashMap<>(8, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Architecture> eldest) {
                    return size() > KEPT;
                }
            };

    private ModelTemplate() {
    }

    /** The model file of {@code model}, as bytes. */
    static byte[] bytes(Sequential model) {
        return withTemporaryFile(file -> {
            ModelFile.save(model, file);
            return Files.readAllBytes(file);
        });
    }

    /** The architecture in {@code bytes}, read once per JVM and fit. */
    static Architecture architecture(String fitId, byte[] bytes, Backend backend) {
        synchronized (ARCHITECTURES) {
            Architecture known = ARCHITECTURES.get(fitId);
            if (known != null) {
                return known;
            }
        }
        Architecture read = withTemporaryFile(file -> {
            Files.write(file, bytes);
            try (Sequential model = ModelFile.load(file, backend)) {
                return model.architecture();
            }
        });
        synchronized (ARCHITECTURES) {
            ARCHITECTURES.put(fitId, read);
        }
        return read;
    }

    private static <T> T withTemporaryFile(FileWork<T> work) {
        Path file = null;
        try {
            file = Files.createTempFile("nn4j-spark-", ".nn4j");
            return work.run(file);
        } catch (IOException e) {
            throw new UncheckedIOException("nn-spark: the model template could not pass through "
                    + "a temporary file (" + e.getMessage() + ")", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    file.toFile().deleteOnExit();
                }
            }
        }
    }

    private interface FileWork<T> {
        T run(Path file) throws IOException;
    }
}
