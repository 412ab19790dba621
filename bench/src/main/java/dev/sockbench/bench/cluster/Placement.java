package dev.sockbench.bench.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sockbench.core.cli.BadInputException;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.loadgen.LoadSpec;
import dev.sockbench.loadgen.options.LoadOptions;
import dev.sockbench.loadgen.shape.Shape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a run across a cluster puts a case's processes: the server on one agent, the load split
 * over one or more agents ({@code --server-on HOST --load-on H1,H2}, or a suite's {@code
 * placement:} block). The case's connections are split as evenly as they go, and a rate in
 * proportion to them, so each connection carries the rate it would on one generator.
 *
 * @param server the agent that runs the server
 * @param load the agents that run the load, in order, each once
 */
public record Placement(String server, List<String> load) {
    /** The shapes whose parts add up to the whole: their histograms and counts are simply summed. */
    static final Set<Shape> SPLITTABLE = Set.of(Shape.CLOSED, Shape.OPEN, Shape.CHURN);

    public Placement {
        if (server == null || server.isBlank()) {
            throw new BadInputException("a placement needs the server's agent (--server-on HOST)");
        }
        if (load == null || load.isEmpty()) {
            throw new BadInputException("a placement needs at least one load agent (--load-on H1,H2,...)");
        }
        if (Set.copyOf(load).size() != load.size()) {
            throw new BadInputException("--load-on names an agent twice: " + String.join(",", load));
        }
        load = List.copyOf(load);
    }

    /** The suite's {@code placement:} block, if it has one. */
    public static Optional<Placement> ofSuite(String yaml) {
        JsonNode block;
        try {
            block = new YAMLMapper().readTree(yaml).path("placement");
        } catch (IOException e) {
            throw new BadInputException("unreadable suite: " + e.getMessage(), e);
        }
        if (block.isMissingNode() || block.isNull()) {
            return Optional.empty();
        }
        List<String> load = new ArrayList<>();
        JsonNode loadNode = block.path("load");
        if (loadNode.isArray()) {
            loadNode.forEach(n -> load.add(n.asText()));
        } else if (loadNode.isTextual()) {
            load.addAll(List.of(loadNode.asText().split(",")));
        }
        return Optional.of(new Placement(block.path("server").asText(null), load));
    }

    /**
     * The load of each agent, in {@link #load} order: the case's connections split as evenly as
     * they go, its rate in proportion, and a seed of its own per part (Poisson arrivals of two parts
     * must not coincide).
     *
     * @throws BadInputException when the shape's parts would not add up (a capacity search, a
     *     sweep, idle connections, bulk streams) or there are fewer connections than agents
     */
    public List<LoadOptions> split(LoadOptions options, Transport transport) {
        if (transport.unixDomain()) {
            throw new BadInputException(
                    "transport " + transport.id() + " cannot cross hosts; a cluster run takes tcp or udp");
        }
        LoadSpec spec = options.resolve(transport);
        int parts = load.size();
        if (parts == 1) {
            return List.of(options.copy());
        }
        if (!SPLITTABLE.contains(spec.shape().kind())) {
            throw new BadInputException("shape " + spec.shape().kind().id() + " cannot be split over " + parts
                    + " load agents (its parts would not add up); give one --load-on agent, or shape closed, open"
                    + " or churn");
        }
        int connections = spec.shape().connections();
        if (connections < parts) {
            throw new BadInputException(connections + " connections cannot be split over " + parts
                    + " load agents; give at least one each");
        }
        Double rate = spec.targetRatePerSec();
        List<LoadOptions> split = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            int share = connections / parts + (i < connections % parts ? 1 : 0);
            LoadOptions part = options.copy().connections(share).seed(spec.seed() + i);
            if (rate != null) {
                part.rate(rate * share / connections);
            }
            split.add(part);
        }
        return split;
    }
}
