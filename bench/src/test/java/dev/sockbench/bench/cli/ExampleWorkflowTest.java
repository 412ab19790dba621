package dev.sockbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/ci/sockbench.yml}, the workflow users copy: valid YAML shaped as a GitHub
 * Actions workflow, and every {@code ./run.sh} command in it parses with sockbench's own command
 * line (the command exists, and so do its options).
 */
class ExampleWorkflowTest {
    private static final Path WORKFLOW = Path.of("..", "examples", "ci", "sockbench.yml");
    /** A {@code ./run.sh ...} command up to the end of the line or a shell operator. */
    private static final Pattern RUN_SH = Pattern.compile("\\./run\\.sh((?:[ \\t]+[^\\s|&;]+)*)");

    @Test
    void itIsAWorkflowAndEverySockbenchCommandInItExists() throws Exception {
        JsonNode workflow = new ObjectMapper(new YAMLFactory()).readTree(WORKFLOW.toFile());

        assertThat(workflow.path("jobs").size()).isPositive();
        assertThat(workflow.has("on")).isTrue();
        List<String> commands = new ArrayList<>();
        for (JsonNode job : workflow.path("jobs")) {
            assertThat(job.path("runs-on").asText()).isNotEmpty();
            for (JsonNode step : job.path("steps")) {
                assertThat(step.has("uses") || step.has("run"))
                        .as(step.toString())
                        .isTrue();
                Matcher m = RUN_SH.matcher(step.path("run").asText());
                while (m.find()) {
                    commands.add(m.group(1).strip());
                }
            }
        }
        assertThat(commands)
                .as("the workflow runs the suite and compares")
                .anySatisfy(c -> assertThat(c).startsWith("run "))
                .anySatisfy(c -> assertThat(c).startsWith("compare "));
        for (String command : commands) {
            String[] args = command.split("\\s+");
            // parseArgs throws on an unknown command or option, a missing parameter, a bad value
            SockbenchMain.commandLine().parseArgs(args);
        }
    }
}
