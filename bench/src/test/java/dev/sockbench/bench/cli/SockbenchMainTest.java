package dev.sockbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.JvmFlags;
import dev.sockbench.core.cli.Cli;
import dev.sockbench.loadgen.WarmupPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

class SockbenchMainTest {

    @Test
    void withoutACommandItListsTheCommandsAndExitsTwo() {
        CliRun run = CliRun.of(SockbenchMain.commandLine());

        assertThat(run.exit()).isEqualTo(Cli.EXIT_BAD_INPUT);
        assertThat(run.err())
                .startsWith("sockbench: missing command; one of: ")
                .contains("run")
                .contains("report");
    }

    @Test
    void anUnknownCommandIsOneLineAndExitTwo() {
        CliRun run = CliRun.of(SockbenchMain.commandLine(), "benchmark");

        assertThat(run.exit()).isEqualTo(Cli.EXIT_BAD_INPUT);
        assertThat(run.err().lines())
                .singleElement()
                .asString()
                .startsWith("sockbench: ")
                .contains("benchmark");
    }

    @Test
    void versionNamesTheBuildAndTheJdk() {
        CliRun run = CliRun.of(SockbenchMain.commandLine(), "--version");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("sockbench ").contains(System.getProperty("java.runtime.version"));
    }

    @Test
    void everyOptionAndParameterOfEveryCommandHasAOneSentenceHelpText() {
        List<String> missing = new ArrayList<>();
        check(SockbenchMain.commandLine(), missing);
        assertThat(missing).isEmpty();
    }

    private static void check(CommandLine cl, List<String> missing) {
        CommandSpec spec = cl.getCommandSpec();
        if (spec.usageMessage().description().length == 0) {
            missing.add(spec.qualifiedName() + " (the command itself)");
        }
        for (OptionSpec o : spec.options()) {
            if (o.description().length == 0 || o.description()[0].isBlank()) {
                missing.add(spec.qualifiedName() + " " + o.longestName());
            }
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.description().length == 0 || p.description()[0].isBlank()) {
                missing.add(spec.qualifiedName() + " " + p.paramLabel());
            }
        }
        cl.getSubcommands().values().forEach(sub -> check(sub, missing));
    }

    @Test
    void everyCommandsHelpRendersWithoutAFormatWarning() {
        // picocli formats descriptions with String.format: a bare % (as in "95% intervals") makes it
        // print a warning on stderr each time the help is shown and fall back to the raw text.
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            render(SockbenchMain.commandLine());
        } finally {
            System.setErr(stderr);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }

    private static void render(CommandLine cl) {
        assertThat(cl.getUsageMessage()).isNotBlank();
        cl.getSubcommands().values().forEach(SockbenchMainTest::render);
    }

    @Test
    void theParentPomsJvmFlagsAreJvmFlagsAll() throws Exception {
        // run.sh reads the flags from the pom; the runner's child JVMs use JvmFlags.ALL: one list.
        String pom = Files.readString(Path.of("..", "pom.xml"));
        Matcher m = Pattern.compile("<sockbench.jvm.flags>(.*)</sockbench.jvm.flags>")
                .matcher(pom);
        assertThat(m.find()).isTrue();
        assertThat(List.of(m.group(1).trim().split("\\s+"))).isEqualTo(JvmFlags.ALL);
    }

    @Test
    void runShAddsTheJvmFlagsOfEachRole() throws Exception {
        // `./run.sh loadgen` starts the load generator as the runner does; the harness runs C1 only.
        String script = Files.readString(Path.of("..", "run.sh"));
        assertThat(addedFlags(script, "loadgen")).isEqualTo(WarmupPolicy.GENERATOR_JVM_FLAGS);
        assertThat(addedFlags(script, "\\*")).isEqualTo(WarmupPolicy.HARNESS_JVM_FLAGS);
        assertThat(script).containsPattern("\\n\\s*server\\) ;;");
    }

    private static List<String> addedFlags(String script, String role) {
        Matcher m = Pattern.compile("\\n\\s*" + role + "\\) JVM_FLAGS\\+=\\(([^)]*)\\) ;;")
                .matcher(script);
        assertThat(m.find()).as(role).isTrue();
        return List.of(m.group(1).trim().split("\\s+"));
    }
}
