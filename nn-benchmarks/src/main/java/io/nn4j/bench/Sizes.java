package io.nn4j.bench;

/**
 * Parses the size parameters of the suites, written as dimensions joined by {@code x}.
 *
 * <p>Immutable: safe to share between threads.
 */
public final class Sizes {

    private Sizes() {
    }

    /**
     * The {@code count} positive dimensions of {@code value}, e.g. {@code 256x1024} for two.
     *
     * @param param the parameter's name, for the error message
     * @throws IllegalArgumentException naming the parameter and the expected form otherwise
     */
    public static int[] parse(String param, String value, int count) {
        String[] parts = value == null ? new String[0] : value.trim().split("x", -1);
        int[] dims = new int[parts.length];
        boolean valid = parts.length == count;
        for (int i = 0; valid && i < parts.length; i++) {
            try {
                dims[i] = Integer.parseInt(parts[i].trim());
                valid = dims[i] > 0;
            } catch (NumberFormatException e) {
                valid = false;
            }
        }
        if (!valid) {
            throw new IllegalArgumentException("parameter " + param + " is '" + value
                    + "'; expected " + count + " positive integers joined by 'x', e.g. "
                    + (count == 2 ? "256x1024" : "64x784x128"));
        }
        return dims;
    }
}
