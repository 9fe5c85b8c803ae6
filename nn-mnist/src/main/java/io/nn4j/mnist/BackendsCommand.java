package io.nn4j.mnist;

import io.nn4j.api.BackendStatus;
import io.nn4j.api.Backends;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * The {@code backends} command: every backend provider found, whether it can run here (with its
 * devices) or why not, and which one a run without {@code --backend} would take.
 */
@Command(name = "backends",
        description = "List every backend found: available (with its devices) or why not, and"
                + " the default choice.")
final class BackendsCommand extends DemoCommand {

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<BackendStatus> statuses = Backends.list();
        if (statuses.isEmpty()) {
            throw new IllegalStateException("no backend provider was found on the class path");
        }
        statuses.forEach(out::println);
        out.println("default: " + defaultChoice(statuses));
        out.flush();
        return 0;
    }

    /** What {@link Backends#load()} would open, and why. */
    private static String defaultChoice(List<BackendStatus> statuses) {
        String property = System.getProperty(Backends.PROPERTY);
        if (property != null && !property.isBlank()) {
            return property.trim() + " (from the " + Backends.PROPERTY + " property)";
        }
        String variable = System.getenv(Backends.ENVIRONMENT);
        if (variable != null && !variable.isBlank()) {
            return variable.trim() + " (from the " + Backends.ENVIRONMENT + " variable)";
        }
        return statuses.stream().filter(s -> s.availability().available()).findFirst()
                .map(s -> s.name() + " (the available backend of highest priority; choose"
                        + " another with --backend, -D" + Backends.PROPERTY + " or "
                        + Backends.ENVIRONMENT + ")")
                .orElse("none: no backend is available here");
    }
}
