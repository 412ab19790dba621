package dev.sockbench.report.html;

import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.ClusterRun;
import dev.sockbench.core.result.ClusterRun.AgentPart;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.report.cases.ReportCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The section "Across hosts": for each case run across a cluster ({@code run --cluster}), where
 * its server ran and what each load agent measured on its own, beside the merged figures the rest
 * of the report shows.
 */
final class Hosts {
    private Hosts() {}

    static List<Page.HostCase> of(List<ReportCase> cases) {
        List<Page.HostCase> rows = new ArrayList<>();
        for (ReportCase c : cases) {
            CaseSummary s = c.summary();
            ClusterRun cluster = s == null ? null : s.cluster();
            if (cluster == null) {
                continue;
            }
            List<Page.HostPart> parts = new ArrayList<>();
            for (AgentPart p : cluster.load()) {
                parts.add(new Page.HostPart(
                        p.agent(),
                        p.address(),
                        Integer.toString(p.connections()),
                        String.format(Locale.ROOT, "%,.0f", p.achievedRatePerSec()),
                        p99(p.latencyUs() == null ? null : p.latencyUs().corrected()),
                        p.valid() ? "valid" : "INVALID: " + String.join("; ", p.invalidReasons())));
            }
            rows.add(new Page.HostCase(
                    c.caseId(),
                    cluster.serverAgent() + " (" + cluster.serverAddress() + ")",
                    String.format(Locale.ROOT, "%,.0f", s.load().achievedRatePerSec()),
                    p99(s.latencyUs().corrected()),
                    s.valid() ? "valid" : "INVALID: " + String.join("; ", s.invalidReasons()),
                    parts));
        }
        return rows;
    }

    private static String p99(Percentiles p) {
        return p == null || p.p99() == null ? "–" : String.format(Locale.ROOT, "%,.1f", p.p99());
    }
}
