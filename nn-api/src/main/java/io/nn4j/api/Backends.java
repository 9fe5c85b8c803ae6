package io.nn4j.api;

import io.nn4j.api.spi.Availability;
import io.nn4j.api.spi.BackendOptions;
import io.nn4j.api.spi.BackendProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds backends with {@link ServiceLoader} and opens the one asked for.
 *
 * <p>Selection order: an explicit name ({@link #load(String)}); else the system property
 * {@value #PROPERTY}; else the environment variable {@value #ENVIRONMENT}; else the available
 * backend of highest priority. An explicit choice never falls back to another backend: if it is
 * missing or unavailable, {@link BackendUnavailableException} lists what is there and why. A
 * default choice logs which backend it took and why it passed over the others. It probes the
 * providers in order of {@link BackendProvider#priorityBound(BackendOptions)} and skips (does
 * not probe) one that could only rank below an available backend already found, so it chooses
 * as if it had probed them all; the log lists a skipped one as not probed.
 *
 * <p>Each call reads the JVM's settings once, with {@link BackendOptions#fromSystem()}, and
 * passes those same options to every provider's {@code probe} and to the chosen one's
 * {@code create}. A priority is what a provider's probe answered; a probe that throws is
 * listed as unavailable with priority 0 and the throwable as its cause.
 *
 * <p>Stateless: safe to call from any thread; each call looks the providers up afresh and each
 * {@code load} opens a backend of its own.
 */
public final class Backends {
    /** System property naming the backend {@link #load()} opens. */
    public static final String PROPERTY = "nn.backend";
    /** Environment variable naming the backend {@link #load()} opens, if the property is unset. */
    public static final String ENVIRONMENT = "NN_BACKEND";

    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

    private Backends() {
    }

    /**
     * Every discovered backend with its availability, highest priority first.
     *
     * @return the status of each backend found on the class path
     */
    public static List<BackendStatus> list() {
        return statuses(probeAll(discover(), BackendOptions.fromSystem()));
    }

    /**
     * Opens the backend named by {@value #PROPERTY} or {@value #ENVIRONMENT}, else the available
     * one of highest priority, with options from {@link BackendOptions#fromSystem()}.
     *
     * @return the open backend; the caller closes it
     * @throws BackendUnavailableException when the named one, or every one, is unavailable
     */
    public static Backend load() {
        BackendOptions options = BackendOptions.fromSystem();
        String named = options.get(PROPERTY, "");
        if (!named.isBlank()) {
            return load(named.trim(), discover(), options);
        }
        return loadDefault(discover(), options);
    }

    /**
     * {@link #load()} without the look-up of {@value #PROPERTY}, over given providers. Probes
     * them in order of {@link BackendProvider#priorityBound(BackendOptions)}, highest first,
     * and skips one whose bound is below the priority of an available backend already probed,
     * since it could not win; the others it chooses among as if all had been probed.
     */
    static Backend loadDefault(List<BackendProvider> discovered, BackendOptions options) {
        Map<BackendProvider, Integer> bounds = new LinkedHashMap<>();
        for (BackendProvider provider : discovered) {
            bounds.computeIfAbsent(provider, p -> safeBound(p, options));
        }
        List<BackendProvider> byBound = new ArrayList<>(bounds.keySet());
        byBound.sort(Comparator.comparingInt((BackendProvider p) -> bounds.get(p)).reversed());
        Map<BackendProvider, Availability> probed = new HashMap<>();
        List<BackendProvider> skipped = new ArrayList<>();
        Integer best = null;
        for (BackendProvider provider : byBound) {
            if (best != null && bounds.get(provider) < best) {
                skipped.add(provider);
                continue;
            }
            Availability availability = safeProbe(provider, options);
            probed.put(provider, availability);
            if (availability.available() && (best == null || availability.priority() > best)) {
                best = availability.priority();
            }
        }
        Map<BackendProvider, Availability> providers = inDiscoveryOrder(discovered, probed);
        List<BackendStatus> statuses = statuses(providers);
        for (Map.Entry<BackendProvider, Availability> entry : byPriority(providers)) {
            if (entry.getValue().available()) {
                BackendProvider chosen = entry.getKey();
                int priority = entry.getValue().priority();
                String notProbed = skipped.stream().map(p -> "; " + p.name()
                        + ": not probed (priority at most " + bounds.get(p) + " here, below the "
                        + "chosen " + chosen.name() + "'s " + priority + ")")
                        .collect(Collectors.joining());
                LOG.info("Using backend '{}' (highest available priority); all backends: {}{}",
                        chosen.name(), describe(statuses), notProbed);
                return open(chosen, options, () -> statuses(
                        inDiscoveryOrder(discovered, probeAll(discovered, options, probed))));
            }
        }
        Map<BackendProvider, Availability> all =
                inDiscoveryOrder(discovered, probeAll(discovered, options, probed));
        throw new BackendUnavailableException(all.isEmpty() ? noneDiscovered()
                : "no backend is available: " + describe(statuses(all)), firstCause(all));
    }

    /**
     * Opens the backend called {@code name}, with options from
     * {@link BackendOptions#fromSystem()}.
     *
     * @param name the provider name, e.g. {@code cpu} or {@code opencl}
     * @return the open backend; the caller closes it
     * @throws BackendUnavailableException when it is missing or unavailable; the message lists
     *                                     every discovered backend and why each is (not) there
     */
    public static Backend load(String name) {
        return load(name, discover(), BackendOptions.fromSystem());
    }

    /**
     * Opens the backend called {@code name} with the options given instead of the JVM's: for a
     * program that chooses a backend's settings itself, such as a Spark task naming the GPU
     * that Spark assigned it ({@code nn.opencl.device}). Never falls back to another backend.
     *
     * @param name the provider name, e.g. {@code cpu} or {@code opencl}
     * @param options the options every probe and the chosen provider's {@code create} get
     * @return the open backend; the caller closes it
     * @throws BackendUnavailableException when it is missing or unavailable; the message lists
     *                                     every discovered backend and why each is (not) there
     */
    public static Backend load(String name, BackendOptions options) {
        return load(name, discover(), Objects.requireNonNull(options, "options"));
    }

    /**
     * {@link #load(String)} over given providers. Only the named provider is probed, so asking
     * for one backend never loads another's native runtime; the others are probed only to
     * describe them when the named one cannot be opened.
     */
    static Backend load(String name, List<BackendProvider> discovered, BackendOptions options) {
        for (BackendProvider provider : discovered) {
            if (provider.name().equalsIgnoreCase(name)) {
                Map<BackendProvider, Availability> probed = new LinkedHashMap<>();
                Availability availability = safeProbe(provider, options);
                probed.put(provider, availability);
                if (!availability.available()) {
                    throw new BackendUnavailableException("backend '" + name
                            + "' is unavailable: " + availability.reason() + "; all backends: "
                            + describe(statuses(probeAll(discovered, options, probed))),
                            availability.cause());
                }
                return open(provider, options,
                        () -> statuses(probeAll(discovered, options, probed)));
            }
        }
        Map<BackendProvider, Availability> providers = probeAll(discovered, options);
        throw new BackendUnavailableException(providers.isEmpty() ? noneDiscovered()
                : "no backend named '" + name + "'; discovered: "
                        + describe(statuses(providers)), null);
    }

    /** Opens {@code provider}; {@code others} describes every backend if that fails. */
    private static Backend open(BackendProvider provider, BackendOptions options,
                                Supplier<List<BackendStatus>> others) {
        try {
            return provider.create(options);
        } catch (RuntimeException | LinkageError e) {
            throw new BackendUnavailableException("backend '" + provider.name()
                    + "' failed to open: " + e + "; all backends: " + describe(others.get()), e);
        }
    }

    private static Map<BackendProvider, Availability> probeAll(List<BackendProvider> providers,
                                                               BackendOptions options) {
        return probeAll(providers, options, new LinkedHashMap<>());
    }

    /** Adds to {@code probed} the availability of every provider it does not hold yet. */
    private static Map<BackendProvider, Availability> probeAll(List<BackendProvider> providers,
            BackendOptions options, Map<BackendProvider, Availability> probed) {
        for (BackendProvider provider : providers) {
            probed.computeIfAbsent(provider, p -> safeProbe(p, options));
        }
        return probed;
    }

    /** Providers from the context class loader and from this class's, each name once. */
    private static List<BackendProvider> discover() {
        List<BackendProvider> found = new ArrayList<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        List<ClassLoader> loaders = new ArrayList<>();
        if (context != null) {
            loaders.add(context);
        }
        loaders.add(Backends.class.getClassLoader());
        List<String> names = new ArrayList<>();
        for (ClassLoader loader : loaders) {
            try {
                for (BackendProvider provider : ServiceLoader.load(BackendProvider.class, loader)) {
                    if (!names.contains(provider.name())) {
                        names.add(provider.name());
                        found.add(provider);
                    }
                }
            } catch (ServiceConfigurationError e) {
                LOG.warn("A backend provider could not be loaded: {}", e.toString());
            }
        }
        return found;
    }

    /** The providers of {@code probed}, each once, in the order {@code discovered} has them. */
    private static Map<BackendProvider, Availability> inDiscoveryOrder(
            List<BackendProvider> discovered, Map<BackendProvider, Availability> probed) {
        Map<BackendProvider, Availability> ordered = new LinkedHashMap<>();
        for (BackendProvider provider : discovered) {
            Availability availability = probed.get(provider);
            if (availability != null) {
                ordered.putIfAbsent(provider, availability);
            }
        }
        return ordered;
    }

    /** The provider's priority bound; {@link Integer#MAX_VALUE} (none) if it throws. */
    private static int safeBound(BackendProvider provider, BackendOptions options) {
        try {
            return provider.priorityBound(options);
        } catch (Throwable t) {
            return Integer.MAX_VALUE;
        }
    }

    private static Availability safeProbe(BackendProvider provider, BackendOptions options) {
        try {
            return Objects.requireNonNull(provider.probe(options), "probe returned null");
        } catch (Throwable t) {
            return Availability.unavailable(0, "probe failed: " + t, t);
        }
    }

    private static List<Map.Entry<BackendProvider, Availability>> byPriority(
            Map<BackendProvider, Availability> providers) {
        List<Map.Entry<BackendProvider, Availability>> entries = new ArrayList<>(providers.entrySet());
        entries.sort(Comparator.comparingInt((Map.Entry<BackendProvider, Availability> e) ->
                e.getValue().priority()).reversed());
        return entries;
    }

    private static List<BackendStatus> statuses(Map<BackendProvider, Availability> providers) {
        return byPriority(providers).stream()
                .map(e -> new BackendStatus(e.getKey().name(), e.getValue()))
                .collect(Collectors.toList());
    }

    private static String describe(List<BackendStatus> statuses) {
        return statuses.stream().map(BackendStatus::toString).collect(Collectors.joining("; "));
    }

    private static Throwable firstCause(Map<BackendProvider, Availability> providers) {
        return providers.values().stream().map(Availability::cause)
                .filter(c -> c != null).findFirst().orElse(null);
    }

    private static String noneDiscovered() {
        return "no backend provider was found on the class path: add a backend jar such as "
                + "nn-backend-cpu; if you built a fat jar, merge META-INF/services files "
                + "(maven-shade-plugin's ServicesResourceTransformer)";
    }
}
