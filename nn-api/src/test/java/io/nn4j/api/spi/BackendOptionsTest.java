package io.nn4j.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The one place where system properties and the environment become backend options. */
class BackendOptionsTest {

    private static Properties properties(String... namesAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            properties.setProperty(namesAndValues[i], namesAndValues[i + 1]);
        }
        return properties;
    }

    @Test
    void takesTheNnPropertiesOnly() {
        BackendOptions options = BackendOptions.from(properties("nn.cpu.blas", "system",
                "nn.opencl.device", "1", "java.home", "/jdk"), Map.of("HOME", "/home/x"));
        assertEquals("system", options.get("nn.cpu.blas", null));
        assertEquals("1", options.get("nn.opencl.device", null));
        assertNull(options.get("java.home", null));
        assertNull(options.get("nn.backend", null));
    }

    @Test
    void theEnvironmentNamesTheBackendOnlyWhereThePropertyDoesNot() {
        Map<String, String> environment = Map.of("NN_BACKEND", "opencl");
        assertEquals("opencl", BackendOptions.from(properties(), environment)
                .get("nn.backend", null));
        assertEquals("opencl", BackendOptions.from(properties("nn.backend", " "), environment)
                .get("nn.backend", null));
        assertEquals("cpu", BackendOptions.from(properties("nn.backend", "cpu"), environment)
                .get("nn.backend", null));
        assertNull(BackendOptions.from(properties(), Map.of("NN_BACKEND", ""))
                .get("nn.backend", null));
    }
}
