package io.nn4j.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.BackendStatus;
import io.nn4j.api.Backends;
import org.junit.jupiter.api.Test;

class BackendsCommandTest {

    @Test
    void listsEveryProviderAndTheDefaultChoice() {
        DemoRun run = DemoRun.of("backends");
        String out = run.succeeded();
        for (BackendStatus status : Backends.list()) {
            assertTrue(out.contains(status.toString()), status + " missing from:\n" + out);
        }
        assertTrue(out.contains("cpu (priority 10): available, EJML"), out);
        assertTrue(out.lines().anyMatch(line -> line.startsWith("default: ")), out);
        assertEquals("", run.err());
    }
}
