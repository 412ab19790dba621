package dev.sockbench.servers;

import dev.sockbench.core.server.Availability;
import dev.sockbench.core.server.ServerModel;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.servers.blocking.BlockingModel;
import dev.sockbench.servers.ffm.FfmModel;
import dev.sockbench.servers.netty.NettyModel;
import dev.sockbench.servers.nio.SelectorModel;
import dev.sockbench.servers.nio2.AsyncModel;
import dev.sockbench.servers.reference.NativeEpollModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every server model sockbench has, listed explicitly (no class-path scanning), in the order
 * {@code sockbench list} and the reports show them, and the model × transport matrix.
 */
public final class ServerModels {
    private static final List<ServerModel> ALL = List.of(
            BlockingModel.platform(),
            BlockingModel.virtual(),
            BlockingModel.pool(),
            SelectorModel.epoll(),
            SelectorModel.poll(),
            SelectorModel.multi(),
            NettyModel.epollEdgeTriggered(),
            NettyModel.epollLevelTriggered(),
            NettyModel.ioUring(),
            new AsyncModel(),
            FfmModel.select(),
            FfmModel.poll(),
            FfmModel.epollLevel(),
            FfmModel.epollEdge(),
            new NativeEpollModel());

    /** Test-only models: found by id (a suite may name them), never listed nor in {@code all}. */
    private static final List<ServerModel> HIDDEN = List.copyOf(FfmModel.noDrain());

    private ServerModels() {}

    /** Every model, in display order. */
    public static List<ServerModel> all() {
        return ALL;
    }

    /**
     * The model with this id.
     *
     * @throws IllegalArgumentException naming the accepted ids
     */
    public static ServerModel byId(String id) {
        return find(id).orElseThrow(
                        () -> new IllegalArgumentException("unknown model '" + id + "'; accepted: " + ids()));
    }

    /** The model with this id, if there is one. */
    public static Optional<ServerModel> find(String id) {
        return java.util.stream.Stream.concat(ALL.stream(), HIDDEN.stream())
                .filter(m -> m.id().equals(id))
                .findFirst();
    }

    /** The model ids, comma separated, for help texts and error messages. */
    public static String ids() {
        return ALL.stream().map(ServerModel::id).collect(Collectors.joining(", "));
    }

    /** Whether {@code model} serves {@code transport} on this machine, and if not, why. */
    public static Cell cell(ServerModel model, Transport transport) {
        if (!model.supports(transport)) {
            return new Cell(model.id(), transport, Cell.Status.NA, model.unsupportedReason(transport));
        }
        Availability availability = model.availability(transport);
        return availability.available()
                ? new Cell(model.id(), transport, Cell.Status.OK, "")
                : new Cell(model.id(), transport, Cell.Status.UNAVAILABLE, availability.reason());
    }

    /** The whole matrix: every model × every transport, model by model. */
    public static List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (ServerModel model : ALL) {
            for (Transport transport : Transport.values()) {
                cells.add(cell(model, transport));
            }
        }
        return cells;
    }
}
