package dev.sockbench.bench.suite;

import dev.sockbench.core.transport.Transport;

/**
 * One case of an expanded suite: a model on a transport under a load.
 *
 * @param caseId unique within the run, sorts in suite order, safe as a folder name, e.g.
 *     {@code 03-nio-epoll-tcp-open-r5k}
 * @param model server model id
 * @param transport the transport
 * @param load the load and server options
 * @param skipReason null when the case is to be measured; otherwise why the cell cannot run
 *     here ({@code n/a: ...} or {@code unavailable: ...})
 */
public record SuiteCase(String caseId, String model, Transport transport, LoadSpec load, String skipReason) {

    public boolean skipped() {
        return skipReason != null;
    }

    /** The expected wall time of the load itself (warm-up + measured interval), ns. */
    public long loadNs() {
        return load.warmupNs() + load.durationNs();
    }
}
