package io.nn4j.backend.opencl;

import io.nn4j.api.spi.Availability;
import io.nn4j.api.spi.BackendOptions;

/** Run in a forked JVM by {@link OpenClBackendProviderTest}: prints what the probe says. */
public final class ProbeMain {

    private ProbeMain() {
    }

    /** Prints {@code available=...} and the reason on one line. */
    public static void main(String[] args) {
        Availability availability = new OpenClBackendProvider().probe(BackendOptions.fromSystem());
        System.out.println("available=" + availability.available() + " reason="
                + availability.reason());
    }
}
