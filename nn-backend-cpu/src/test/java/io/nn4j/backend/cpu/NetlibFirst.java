package io.nn4j.backend.cpu;

import dev.ludovic.netlib.blas.NativeBLAS;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;

/**
 * A program for {@link NetlibLoadedFirstTest}'s child JVM: uses netlib's binding the way Spark
 * MLlib does (its default library, the system's), then opens a cpu backend and writes its
 * description to standard output.
 */
final class NetlibFirst {
    private NetlibFirst() {
    }

    public static void main(String[] args) {
        NativeBLAS.getInstance();
        try (Backend backend = Backends.load("cpu")) {
            System.out.println(backend.description());
        }
    }
}
