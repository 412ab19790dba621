package dev.sockbench.report;

import dev.sockbench.core.result.CaseLoad;

/** The load block of the report tests' summaries: what they share, each test setting what it is about. */
public final class TestLoads {
    private TestLoads() {}

    /**
     * A load over TCP with length framing and 64-byte payloads, measured for one second, whose
     * {@code requests} were all answered within it.
     */
    public static CaseLoad.Builder tcp(String shape, int connections, long requests) {
        return CaseLoad.builder()
                .transport("tcp")
                .framing("length")
                .shape(shape)
                .connections(connections)
                .payloadBytes(64)
                .durationSec(1.0)
                .achievedRatePerSec(requests)
                .requests(requests);
    }
}
