package io.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;


import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.testkit.RequiredBackend;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** The tests' files and backends: PyTorch's fixtures, matrices as text, both backends. */
final class Fixtures {
    /** Where make_fixtures.py writes PyTorch's models and outputs. */
    static final String PYTORCH = "pytorch/";

    private Fixtures() {
    }

    /** A matrix of a fixture's text file: "rows cols", then the values row-major. */
    record Matrix(int rows, int cols, float[] values) {
    }

    static Path resource(String name) {
        try {
            return Path.of(Objects.requireNonNull(Fixtures.class.getResource(name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Matrix matrix(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(Fixtures.class.getResourceAsStream(name),
                name)) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .toList();
            String[] header = lines.get(0).split(" ");
            int rows = Integer.parseInt(header[0]);
            int cols = Integer.parseInt(header[1]);
            assertEquals(rows * cols + 1, lines.size(), name + ": values");
            float[] values = new float[rows * cols];
            for (int i = 0; i < values.length; i++) {
                values[i] = Float.parseFloat(lines.get(i + 1));
            }
            return new Matrix(rows, cols, values);
        }
    }

    /** Opens {@code name}: cpu always; opencl when available (or failing, when required). */
    static Backend open(String name) {
        if (!name.equals("cpu")) {
            RequiredBackend.check(name);
        }
        return Backends.load(name);
    }
}
