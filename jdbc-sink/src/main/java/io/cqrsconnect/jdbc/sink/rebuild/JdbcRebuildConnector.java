package io.cqrsconnect.jdbc.sink.rebuild;

import io.cqrsconnect.jdbc.sink.JdbcSinkConnector;
import io.cqrsconnect.rebuild.ReadModelStore;
import io.cqrsconnect.rebuild.RebuildCoordinatorConnector;

/**
 * Rebuilds the read models of a {@link JdbcSinkConnector}. Created by the {@code /read-models} REST extension or
 * the CLI as {@code <connector>-rebuild}; see the README's "Rebuilding a read model".
 */
public class JdbcRebuildConnector extends RebuildCoordinatorConnector {

    @Override
    protected Class<? extends ReadModelStore> storeClass() {
        return JdbcReadModelStore.class;
    }

    @Override
    protected String sinkConnectorClass() {
        return JdbcSinkConnector.class.getName();
    }
}
