package dev.sockbench.report.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.report.Reports;
import dev.sockbench.report.SyntheticRun;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class JUnitReportsTest {
    @Test
    void aRunIsOneTestCasePerCase(@TempDir Path runDir) throws Exception {
        SyntheticRun.write(runDir);
        String xml = JUnitReports.ofRun(Reports.readRun(runDir), runDir).toXml();

        Document doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("7");
        assertThat(suite.getAttribute("failures")).isEqualTo("1"); // INVALID
        assertThat(suite.getAttribute("errors")).isEqualTo("1"); // failed
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        assertThat(xml)
                .contains("<failure message=\"INVALID: " + SyntheticRun.SHORT_RATE_REASON)
                .contains("name=\"closed-script (&lt;script&gt;alert('x')&lt;/script&gt;)\"")
                .contains("achieved 1,000 req/s");
    }
}
