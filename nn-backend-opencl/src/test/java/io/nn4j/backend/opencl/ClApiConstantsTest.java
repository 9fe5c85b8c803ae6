package io.nn4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The build options define every activation and loss code as the launchers pass it, and each
 * shared constant as a literal that reads back as exactly the Java value.
 */
class ClApiConstantsTest {
    private final Map<String, String> defines = parse(ClApiConstants.buildOptions());

    @Test
    void everyActivationAndLossHasTheCodeTheLaunchersPass() {
        for (Activation activation : Activation.values()) {
            assertEquals(Integer.toString(ClApiConstants.code(activation)),
                    defines.get("ACT_" + activation.name()), activation.name());
        }
        for (Loss loss : Loss.values()) {
            assertEquals(Integer.toString(ClApiConstants.code(loss)),
                    defines.get("LOSS_" + loss.name()), loss.name());
        }
        assertEquals(Activation.values().length + Loss.values().length + 3, defines.size());
    }

    @Test
    void constantsAreExactFloatLiterals() {
        assertEquals(Activation.LEAKY_RELU_SLOPE, Float.parseFloat(defines.get("LEAKY_RELU_SLOPE")));
        assertEquals(Loss.LOG_CLAMP, Float.parseFloat(defines.get("LOG_CLAMP")));
        assertEquals(Backend.BINARY_THRESHOLD, Float.parseFloat(defines.get("BINARY_THRESHOLD")));
    }

    private static Map<String, String> parse(String options) {
        Map<String, String> found = new HashMap<>();
        String[] words = options.split(" ");
        for (int i = 0; i < words.length; i += 2) {
            assertEquals("-D", words[i], options);
            String[] nameValue = words[i + 1].split("=", 2);
            found.put(nameValue[0], nameValue[1]);
        }
        return found;
    }
}
