package io.nn4j.api.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Assertions on the text a command prints or a report holds, failing with the whole text so the
 * reader sees what was there instead. Stateless; safe to use from any thread.
 */
public final class TextAssertions {

    private TextAssertions() {
    }

    /**
     * Asserts that {@code text} contains each of {@code parts}.
     *
     * @param text the text, such as a command's output
     * @param parts what it must contain, each anywhere in it
     */
    public static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), () -> "no \"" + part + "\" in:\n" + text);
        }
    }
}
