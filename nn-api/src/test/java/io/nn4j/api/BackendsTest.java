package io.nn4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.spi.Availability;
import io.nn4j.api.spi.BackendOptions;
import io.nn4j.api.spi.BackendProvider;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Backend selection over fake providers: priority, probe failures, explicit names, none found. */
class BackendsTest {

    /** A provider whose backend only answers {@code name()}. */
    private record FakeProvider(String name, int priority, Availability availability,
                                RuntimeException createFailure) implements BackendProvider {

        static FakeProvider available(String name, int priority) {
            return new FakeProvider(name, priority, Availability.available("fake device"), null);
        }

        static FakeProvider unavailable(String name, int priority, String reason, Throwable cause) {
            return new FakeProvider(name, priority, Availability.unavailable(reason, cause), null);
        }

        @Override
        public Availability probe() {
            return availability;
        }

        @Override
        public Backend create(BackendOptions options) {
            if (createFailure != null) {
                throw createFailure;
            }
            return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(),
                    new Class<?>[] {Backend.class}, (proxy, method, args) -> {
                        if (method.getName().equals("name")) {
                            return name;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    @Test
    void unknownNameListsEveryProviderWithItsReason() {
        List<BackendProvider> providers = List.of(FakeProvider.available("cpu", 10),
                FakeProvider.unavailable("opencl", 5, "no OpenCL platform found", null));
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.load("nope", providers));
        assertTrue(e.getMessage().contains("no backend named 'nope'"), e.getMessage());
        assertTrue(e.getMessage().contains("cpu (priority 10): available"), e.getMessage());
        assertTrue(e.getMessage().contains("opencl (priority 5): unavailable, no OpenCL platform found"),
                e.getMessage());
    }

    @Test
    void defaultTakesTheAvailableProviderOfHighestPriority() {
        List<BackendProvider> providers = List.of(FakeProvider.available("cpu", 10),
                FakeProvider.unavailable("gpu", 100, "driver missing", null),
                FakeProvider.available("fast", 20));
        assertEquals("fast", Backends.loadDefault(providers).name());
    }

    @Test
    void explicitChoiceNeverFallsBackAndKeepsTheCause() {
        UnsatisfiedLinkError cause = new UnsatisfiedLinkError("libOpenCL.so.1: not found");
        List<BackendProvider> providers = List.of(FakeProvider.available("cpu", 10),
                FakeProvider.unavailable("opencl", 5, "no ICD loader", cause));
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.load("opencl", providers));
        assertTrue(e.getMessage().startsWith("backend 'opencl' is unavailable: no ICD loader"),
                e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void aNamedBackendIsOpenedWithoutProbingTheOthers() {
        AtomicInteger otherProbes = new AtomicInteger();
        BackendProvider other = new BackendProvider() {
            @Override
            public String name() {
                return "opencl";
            }

            @Override
            public int priority() {
                return 20;
            }

            @Override
            public Availability probe() {
                otherProbes.incrementAndGet();
                return Availability.available("loads a native runtime");
            }

            @Override
            public Backend create(BackendOptions options) {
                throw new AssertionError("must not be opened");
            }
        };
        assertEquals("cpu", Backends.load("cpu", List.of(other, FakeProvider.available("cpu", 10)))
                .name());
        assertEquals(0, otherProbes.get());
        assertThrows(BackendUnavailableException.class, () -> Backends.load("cpu",
                List.of(other, FakeProvider.unavailable("cpu", 10, "disabled", null))));
        assertEquals(1, otherProbes.get(), "probed once the named backend failed, to list it");
    }

    @Test
    void namesMatchIgnoringCase() {
        assertEquals("cpu", Backends.load("CPU", List.of(FakeProvider.available("cpu", 10))).name());
    }

    @Test
    void aProbeThatThrowsMakesTheProviderUnavailable() {
        NoClassDefFoundError failure = new NoClassDefFoundError("org/jocl/CL");
        BackendProvider broken = new BackendProvider() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public int priority() {
                return 50;
            }

            @Override
            public Availability probe() {
                throw failure;
            }

            @Override
            public Backend create(BackendOptions options) {
                throw new AssertionError("must not be opened");
            }
        };
        assertEquals("cpu", Backends.loadDefault(List.of(broken, FakeProvider.available("cpu", 10)))
                .name());
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.load("broken", List.of(broken)));
        assertTrue(e.getMessage().contains("probe failed: java.lang.NoClassDefFoundError: org/jocl/CL"),
                e.getMessage());
        assertSame(failure, e.getCause());
    }

    @Test
    void aFailureWhileOpeningIsReportedWithItsCause() {
        IllegalStateException failure = new IllegalStateException("device lost");
        BackendProvider provider = new FakeProvider("gpu", 20, Availability.available("fake"), failure);
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.load("gpu", List.of(provider)));
        assertTrue(e.getMessage().contains("backend 'gpu' failed to open"), e.getMessage());
        assertSame(failure, e.getCause());
    }

    @Test
    void noAvailableProviderSaysWhyEachIsMissing() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.loadDefault(List.of(
                        FakeProvider.unavailable("opencl", 5, "no OpenCL platform found", null))));
        assertTrue(e.getMessage().startsWith("no backend is available: opencl (priority 5)"),
                e.getMessage());
    }

    @Test
    void noProviderAtAllHintsAtLostServiceFiles() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.loadDefault(List.of()));
        assertTrue(e.getMessage().contains("ServicesResourceTransformer"), e.getMessage());
    }
}
