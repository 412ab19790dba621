package dev.sockbench.bench.testing;

import dev.sockbench.core.process.Phase;
import dev.sockbench.core.process.ProcessLines;
import dev.sockbench.core.result.CaseLoad;
import dev.sockbench.core.result.LatencyLog;
import dev.sockbench.core.result.LatencyUs;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.transport.Endpoint;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Stand-ins for {@code LoadgenMain} that follow (or break, on purpose) its process contract: they
 * connect to {@code --target}, print the phase markers and write {@code --load-json} and {@code
 * --hlog}. No load, no timing: what they write is fixed, so tests can check exactly what the
 * runner did with it.
 */
public final class FakeLoadgen {
    /** What every well-behaved fake reports. */
    public static final long REQUESTS = 1_000;

    public static final int CONNECTIONS = 4;

    private FakeLoadgen() {}

    /** A valid case: exit 0. */
    public static void main(String[] args) throws Exception {
        run(args, true, true);
    }

    static void run(String[] args, boolean valid, boolean phases) throws Exception {
        Map<String, String> options = options(args);
        Endpoint target = Endpoint.parse(options.get("--target"));
        try (Socket s = new Socket(target.host(), target.port())) {
            s.getOutputStream().write(new byte[] {1, 2, 3});
            if (phases) {
                System.out.println(ProcessLines.phase(Phase.WARMUP));
                System.out.println(ProcessLines.phase(Phase.MEASURE));
                System.out.flush();
            }
            System.err.println("fake loadgen: measuring");
            if (phases) {
                System.out.println(ProcessLines.phase(Phase.DONE));
            }
        }
        Histogram h = new Histogram(3);
        h.recordValueWithCount(100_000, REQUESTS);
        h.setStartTimeStamp(System.currentTimeMillis() - 1000);
        h.setEndTimeStamp(System.currentTimeMillis());
        try (LatencyLog log = LatencyLog.create(Path.of(options.get("--hlog")), h.getStartTimeStamp())) {
            log.write(LatencyLog.CORRECTED, h);
            log.write(LatencyLog.RAW, h.copy());
        }
        Percentiles p = Percentiles.ofNanos(h);
        LoadReport report = LoadReport.builder()
                .invalidReasons(valid ? List.of() : List.of("achieved rate 50% of target"))
                .load(CaseLoad.builder()
                        .transport(target.transport().id())
                        .framing(options.get("--framing"))
                        .shape(options.get("--shape"))
                        .connections(CONNECTIONS)
                        .payloadBytes(Integer.parseInt(options.getOrDefault("--payload", "64")))
                        .durationSec(1.0)
                        .warmupSec(0.5)
                        .achievedRatePerSec(REQUESTS)
                        .requests(REQUESTS)
                        .build())
                .latencyUs(new LatencyUs(p, p))
                .build();
        ResultFiles.writeJson(Path.of(options.get("--load-json")), report);
        System.out.println("fake loadgen: " + REQUESTS + " requests");
        System.out.flush();
        System.exit(valid ? 0 : 1);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    /** An invalid case: valid false with a reason, exit 1. */
    public static final class Invalid {
        public static void main(String[] args) throws Exception {
            run(args, false, true);
        }
    }

    /** A valid case without phase markers. */
    public static final class NoPhases {
        public static void main(String[] args) throws Exception {
            run(args, true, false);
        }
    }

    /** Rejects its options: one line on stderr, exit 2. */
    public static final class Rejects {
        public static void main(String[] args) {
            System.err.println("sockbench: unknown shape 'zigzag'; accepted: closed, open");
            System.exit(2);
        }
    }

    /** Prints the warm-up marker and then nothing, forever. */
    public static final class Hangs {
        public static void main(String[] args) throws InterruptedException {
            System.out.println(ProcessLines.phase(Phase.WARMUP));
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
