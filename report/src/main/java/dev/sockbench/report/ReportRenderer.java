package dev.sockbench.report;

import dev.sockbench.core.result.RunResult;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns a finished run into something people or tools read. A renderer reads the run's case
 * files ({@code cases/<case-id>/summary.json}, {@code latency.hlog}) through core's {@code
 * ResultFiles} and {@code LatencyLog}, and writes only under {@code runDir/report/}, each file
 * through a temporary name and a rename, so a reader never sees half a report.
 *
 * <p>Rendering the same run twice gives the same files. Renderers hold no state between calls;
 * one renderer may be used from one thread at a time.
 */
public interface ReportRenderer {
    /**
     * Renders {@code run}, whose files are in {@code runDir}.
     *
     * @param run the content of {@code runDir/run.json}
     * @param runDir the run's folder, {@code results/<run-id>/}
     * @throws IOException when a report file cannot be written
     */
    void render(RunResult run, Path runDir) throws IOException;
}
