package dev.sockbench.bench.suite;

import dev.sockbench.core.handler.Handling;
import dev.sockbench.core.server.ServerModel;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.servers.Cell;
import dev.sockbench.servers.ServerModels;
import java.util.List;
import java.util.Optional;

/** The servers' registry as a {@link ModelCatalog}: the real matrix of this machine. */
public final class ServerModelsCatalog implements ModelCatalog {

    @Override
    public List<String> modelIds() {
        return ServerModels.all().stream().map(ServerModel::id).toList();
    }

    @Override
    public Optional<String> skipReason(String modelId, Transport transport) {
        Cell cell = ServerModels.cell(ServerModels.byId(modelId), transport);
        return cell.ok() ? Optional.empty() : Optional.of(cell.describe());
    }

    @Override
    public Optional<String> skipReason(String modelId, Transport transport, Handling handling) {
        return skipReason(modelId, transport)
                .or(() -> ServerModels.byId(modelId).refusal(handling).map(why -> "n/a: " + why));
    }
}
