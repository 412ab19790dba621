package dev.sockbench.report.junit;

import dev.sockbench.core.result.ResultFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A JUnit XML report, the format CI systems show as test results: one {@code <testsuite>} of
 * {@code <testcase>}s, each passed, failed ({@code <failure>}), broken ({@code <error>}) or
 * skipped ({@code <skipped>}), with what it checked in {@code <system-out>}. Text is escaped by
 * the XML writer.
 *
 * @param suite the test suite's name
 * @param cases its test cases, in order
 */
public record JUnitXml(String suite, List<TestCase> cases) {

    /** What became of a test case. */
    public enum Outcome {
        PASSED,
        FAILED,
        ERROR,
        SKIPPED
    }

    /**
     * One test case.
     *
     * @param className the group it is shown under (e.g. the transport)
     * @param name the case
     * @param outcome passed, failed, error or skipped
     * @param message one line: why it failed or was skipped; empty when passed
     * @param output what was checked, for people
     */
    public record TestCase(String className, String name, Outcome outcome, String message, String output) {}

    private long count(Outcome outcome) {
        return cases.stream().filter(c -> c.outcome() == outcome).count();
    }

    /** Writes the report to {@code file} (through a temporary file and a rename). */
    public void write(Path file) throws IOException {
        ResultFiles.writeAtomically(file, toXml().getBytes(StandardCharsets.UTF_8));
    }

    /** The XML text. */
    public String toXml() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", suite);
            xml.writeAttribute("tests", Integer.toString(cases.size()));
            xml.writeAttribute("failures", Long.toString(count(Outcome.FAILED)));
            xml.writeAttribute("errors", Long.toString(count(Outcome.ERROR)));
            xml.writeAttribute("skipped", Long.toString(count(Outcome.SKIPPED)));
            for (TestCase c : cases) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", c.className());
                xml.writeAttribute("name", c.name());
                switch (c.outcome()) {
                    case FAILED -> element(xml, "failure", c.message());
                    case ERROR -> element(xml, "error", c.message());
                    case SKIPPED -> element(xml, "skipped", c.message());
                    case PASSED -> {}
                }
                if (c.output() != null && !c.output().isEmpty()) {
                    xml.writeStartElement("system-out");
                    xml.writeCharacters(c.output());
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void element(XMLStreamWriter xml, String name, String message) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeAttribute("message", message == null ? "" : message);
        xml.writeEndElement();
    }
}
