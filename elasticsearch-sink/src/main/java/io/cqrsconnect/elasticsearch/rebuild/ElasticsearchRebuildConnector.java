package io.cqrsconnect.elasticsearch.rebuild;

import io.cqrsconnect.elasticsearch.ElasticsearchSinkConnector;
import io.cqrsconnect.rebuild.ReadModelStore;
import io.cqrsconnect.rebuild.RebuildCoordinatorConnector;

/**
 * Rebuilds the read models of an {@link ElasticsearchSinkConnector}. Created by the {@code /read-models} REST
 * extension or the CLI as {@code <connector>-rebuild}; see the README's "Rebuilding a read model".
 */
public class ElasticsearchRebuildConnector extends RebuildCoordinatorConnector {

    @Override
    protected Class<? extends ReadModelStore> storeClass() {
        return ElasticsearchReadModelStore.class;
    }

    @Override
    protected String sinkConnectorClass() {
        return ElasticsearchSinkConnector.class.getName();
    }
}
