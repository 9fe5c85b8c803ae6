package io.nn4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.spi.Availability;
import io.nn4j.api.spi.BackendOptions;
import io.nn4j.api.spi.BackendProvider;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Backend selection over fake providers: priority, probe failures, explicit names, none found,
 * the options that reach probe and create, and the probes that priority bounds let the default
 * choice skip.
 */
class BackendsTest {
    private static final BackendOptions NO_OPTIONS = BackendOptions.of(Map.of());

    /** A provider whose backend only answers {@code name()}. */
    private record FakeProvider(String name, Availability availability,
                                RuntimeException createFailure) implements BackendProvider {

        static FakeProvider available(String name, int priority) {
            return new FakeProvider(name, Availability.available(priority, "fake device"), null);
        }

        static FakeProvider unavailable(String name, int priority, String reason, Throwable cause) {
            return new FakeProvider(name, Availability.unavailable(priority, reason, cause), null);
        }

        @Override
        public Availability probe(BackendOptions options) {
            return availability;
        }

        @Override
        public Backend create(BackendOptions options) {
            if (createFailure != null) {
                throw createFailure;
            }
            return named(name);
        }
    }

    /** A provider whose probe is {@code probe} and whose backend must never be opened. */
    private record UnopenedProvider(String name, Supplier<Availability> probe)
            implements BackendProvider {

        @Override
        public Availability probe(BackendOptions options) {
            return probe.get();
        }

        @Override
        public Backend create(BackendOptions options) {
            throw new AssertionError("must not be opened");
        }
    }

    /**
     * A provider whose probe finds a GPU when the option {@code fake.gpu} is {@code yes}, and
     * answers a priority above cpu's only then; it records the options each call got.
     */
    private static final class OptionsProvider implements BackendProvider {
        final List<BackendOptions> probedWith = new ArrayList<>();
        final List<BackendOptions> createdWith = new ArrayList<>();

        @Override
        public String name() {
            return "gpu";
        }

        @Override
        public Availability probe(BackendOptions options) {
            probedWith.add(options);
            boolean gpu = options.get("fake.gpu", "no").equals("yes");
            return Availability.available(gpu ? 20 : 5, gpu ? "a GPU" : "no GPU");
        }

        @Override
        public Backend create(BackendOptions options) {
            createdWith.add(options);
            return named(name());
        }
    }

    /**
     * A provider with a priority bound, which records its probes and opens; {@code bound} throws
     * when it is null.
     */
    private static final class BoundedProvider implements BackendProvider {
        final String name;
        final Integer bound;
        final Availability availability;
        final RuntimeException createFailure;
        final List<String> calls;

        BoundedProvider(String name, Integer bound, Availability availability,
                        RuntimeException createFailure, List<String> calls) {
            this.name = name;
            this.bound = bound;
            this.availability = availability;
            this.createFailure = createFailure;
            this.calls = calls;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int priorityBound(BackendOptions options) {
            if (bound == null) {
                throw new IllegalStateException("no bound");
            }
            return bound;
        }

        @Override
        public Availability probe(BackendOptions options) {
            calls.add("probe " + name);
            return availability;
        }

        @Override
        public Backend create(BackendOptions options) {
            calls.add("create " + name);
            if (createFailure != null) {
                throw createFailure;
            }
            return named(name);
        }
    }

    private static BoundedProvider bounded(String name, Integer bound, int priority,
                                           List<String> calls) {
        return new BoundedProvider(name, bound, Availability.available(priority, "fake"), null,
                calls);
    }

    private static Backend named(String name) {
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(),
                new Class<?>[] {Backend.class}, (proxy, method, args) -> {
                    if (method.getName().equals("name")) {
                        return name;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void unknownNameListsEveryProviderWithItsReason() {
        List<BackendProvider> providers = List.of(FakeProvider.available("cpu", 10),
                FakeProvider.unavailable("opencl", 5, "no OpenCL platform found", null));
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.load("nope", providers, NO_OPTIONS));
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
        assertEquals("fast", Backends.loadDefault(providers, NO_OPTIONS).name());
    }

    @Test
    void thePriorityIsWhatTheProbeAnsweredWithTheseOptions() {
        OptionsProvider gpu = new OptionsProvider();
        List<BackendProvider> providers = List.of(FakeProvider.available("cpu", 10), gpu);
        BackendOptions withGpu = BackendOptions.of(Map.of("fake.gpu", "yes"));

        assertEquals("gpu", Backends.loadDefault(providers, withGpu).name());
        assertEquals("cpu", Backends.loadDefault(providers, NO_OPTIONS).name());

        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.load("nope", providers, withGpu));
        assertTrue(e.getMessage().endsWith("discovered: gpu (priority 20): available, a GPU; "
                + "cpu (priority 10): available, fake device"), e.getMessage());
    }

    @Test
    void probeAndCreateGetTheSameOptions() {
        OptionsProvider gpu = new OptionsProvider();
        BackendOptions options = BackendOptions.of(Map.of("fake.gpu", "yes"));

        Backends.loadDefault(List.of(gpu), options);
        Backends.load("gpu", List.of(gpu), options);

        assertEquals(List.of(options, options), gpu.probedWith);
        assertSame(options, gpu.probedWith.get(0));
        assertSame(options, gpu.probedWith.get(1));
        assertEquals(List.of(options, options), gpu.createdWith);
        assertSame(options, gpu.createdWith.get(0));
        assertSame(options, gpu.createdWith.get(1));
    }

    @Test
    void explicitChoiceNeverFallsBackAndKeepsTheCause() {
        UnsatisfiedLinkError cause = new UnsatisfiedLinkError("libOpenCL.so.1: not found");
        List<BackendProvider> providers = List.of(FakeProvider.available("cpu", 10),
                FakeProvider.unavailable("opencl", 5, "no ICD loader", cause));
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.load("opencl", providers, NO_OPTIONS));
        assertTrue(e.getMessage().startsWith("backend 'opencl' is unavailable: no ICD loader"),
                e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void aNamedBackendIsOpenedWithoutProbingTheOthers() {
        AtomicInteger otherProbes = new AtomicInteger();
        BackendProvider other = new UnopenedProvider("opencl", () -> {
            otherProbes.incrementAndGet();
            return Availability.available(20, "loads a native runtime");
        });
        assertEquals("cpu", Backends.load("cpu", List.of(other, FakeProvider.available("cpu", 10)),
                NO_OPTIONS).name());
        assertEquals(0, otherProbes.get());
        assertThrows(BackendUnavailableException.class, () -> Backends.load("cpu",
                List.of(other, FakeProvider.unavailable("cpu", 10, "disabled", null)),
                NO_OPTIONS));
        assertEquals(1, otherProbes.get(), "probed once the named backend failed, to list it");
    }

    @Test
    void namesMatchIgnoringCase() {
        assertEquals("cpu", Backends.load("CPU", List.of(FakeProvider.available("cpu", 10)),
                NO_OPTIONS).name());
    }

    @Test
    void aProbeThatThrowsMakesTheProviderUnavailable() {
        NoClassDefFoundError failure = new NoClassDefFoundError("org/jocl/CL");
        BackendProvider broken = new UnopenedProvider("broken", () -> {
            throw failure;
        });
        assertEquals("cpu", Backends.loadDefault(List.of(broken, FakeProvider.available("cpu", 10)),
                NO_OPTIONS).name());
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.load("broken", List.of(broken), NO_OPTIONS));
        assertTrue(e.getMessage().contains("all backends: broken (priority 0): unavailable, "
                + "probe failed: java.lang.NoClassDefFoundError: org/jocl/CL"), e.getMessage());
        assertSame(failure, e.getCause());
    }

    @Test
    void aFailureWhileOpeningIsReportedWithItsCause() {
        IllegalStateException failure = new IllegalStateException("device lost");
        BackendProvider provider = new FakeProvider("gpu", Availability.available(20, "fake"),
                failure);
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.load("gpu", List.of(provider), NO_OPTIONS));
        assertTrue(e.getMessage().contains("backend 'gpu' failed to open"), e.getMessage());
        assertSame(failure, e.getCause());
    }

    @Test
    void noAvailableProviderSaysWhyEachIsMissing() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.loadDefault(List.of(
                        FakeProvider.unavailable("opencl", 5, "no OpenCL platform found", null)),
                NO_OPTIONS));
        assertTrue(e.getMessage().startsWith("no backend is available: opencl (priority 5)"),
                e.getMessage());
    }

    @Test
    void noProviderAtAllHintsAtLostServiceFiles() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.loadDefault(List.of(), NO_OPTIONS));
        assertTrue(e.getMessage().contains("ServicesResourceTransformer"), e.getMessage());
    }

    @Test
    void aProviderBoundBelowAnAvailableOneIsNeitherProbedNorOpened() {
        List<String> calls = new ArrayList<>();
        List<BackendProvider> providers = List.of(bounded("opencl", 5, 5, calls),
                bounded("cpu", 10, 10, calls));
        assertEquals("cpu", Backends.loadDefault(providers, NO_OPTIONS).name());
        assertEquals(List.of("probe cpu", "create cpu"), calls);
    }

    @Test
    void providersAreProbedInOrderOfTheirBoundHighestFirst() {
        List<String> calls = new ArrayList<>();
        List<BackendProvider> providers = List.of(bounded("cpu", 10, 10, calls),
                bounded("unbounded", Integer.MAX_VALUE, 1, calls), bounded("gpu", 20, 20, calls),
                bounded("slow", 3, 3, calls));
        assertEquals("gpu", Backends.loadDefault(providers, NO_OPTIONS).name());
        assertEquals(List.of("probe unbounded", "probe gpu", "create gpu"), calls);
    }

    @Test
    void aBoundThatTiesOrExceedsTheBestPriorityIsProbed() {
        List<String> calls = new ArrayList<>();
        List<BackendProvider> providers = List.of(bounded("cpu", 10, 10, calls),
                bounded("tie", 10, 10, calls), bounded("guess", 50, 7, calls));
        assertEquals("cpu", Backends.loadDefault(providers, NO_OPTIONS).name());
        assertEquals(List.of("probe guess", "probe cpu", "probe tie", "create cpu"), calls);
    }

    @Test
    void aTieIsBrokenByDiscoveryOrderAsWhenEveryProviderIsProbed() {
        List<String> calls = new ArrayList<>();
        // "second" is probed first (its bound is higher) yet "first" wins the tie, as it does
        // without bounds, when every provider is probed in discovery order.
        List<BackendProvider> bounds = List.of(bounded("first", 10, 10, calls),
                bounded("second", 30, 10, calls));
        List<BackendProvider> noBounds = List.of(FakeProvider.available("first", 10),
                FakeProvider.available("second", 10));
        assertEquals(Backends.loadDefault(noBounds, NO_OPTIONS).name(),
                Backends.loadDefault(bounds, NO_OPTIONS).name());
        assertEquals(List.of("probe second", "probe first", "create first"), calls);
    }

    @Test
    void aBoundThatThrowsMeansTheProviderIsProbed() {
        List<String> calls = new ArrayList<>();
        List<BackendProvider> providers = List.of(bounded("cpu", 10, 10, calls),
                bounded("odd", null, 15, calls));
        assertEquals("odd", Backends.loadDefault(providers, NO_OPTIONS).name());
        assertEquals(List.of("probe odd", "create odd"), calls);
    }

    @Test
    void aFailureToOpenTheChoiceDescribesTheSkippedProvidersToo() {
        List<String> calls = new ArrayList<>();
        IllegalStateException failure = new IllegalStateException("broken BLAS");
        BoundedProvider cpu = new BoundedProvider("cpu", 10, Availability.available(10, "fake"),
                failure, calls);
        List<BackendProvider> providers = List.of(cpu, bounded("opencl", 5, 5, calls));
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.loadDefault(providers, NO_OPTIONS));
        assertTrue(e.getMessage().startsWith("backend 'cpu' failed to open"), e.getMessage());
        assertTrue(e.getMessage().endsWith("all backends: cpu (priority 10): available, fake; "
                + "opencl (priority 5): available, fake"), e.getMessage());
        assertSame(failure, e.getCause());
        assertEquals(List.of("probe cpu", "create cpu", "probe opencl"), calls);
    }

    @Test
    void noAvailableProviderDescribesEveryProvider() {
        List<String> calls = new ArrayList<>();
        List<BackendProvider> providers = List.of(
                new BoundedProvider("cpu", 10, Availability.unavailable(10, "disabled", null),
                        null, calls),
                new BoundedProvider("opencl", 5, Availability.unavailable(5, "no driver", null),
                        null, calls));
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.loadDefault(providers, NO_OPTIONS));
        assertEquals("no backend is available: cpu (priority 10): unavailable, disabled; "
                + "opencl (priority 5): unavailable, no driver", e.getMessage());
        assertEquals(List.of("probe cpu", "probe opencl"), calls);
    }
}
