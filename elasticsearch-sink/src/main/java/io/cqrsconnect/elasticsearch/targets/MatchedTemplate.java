package io.cqrsconnect.elasticsearch.targets;

import java.util.Set;

/**
 * What the composable index template that matches a name would give an index created under it, as Elasticsearch
 * resolves it ({@code _index_template/_simulate_index}).
 *
 * @param settings the flat names of the settings the template sets (e.g. {@code index.gc_deletes})
 * @param hasMappings true when the template maps fields or says how to map them
 * @param dataStream true when the template creates data streams: writes to the name make one
 */
public record MatchedTemplate(Set<String> settings, boolean hasMappings, boolean dataStream) {

    public MatchedTemplate {
        settings = Set.copyOf(settings);
    }

    public boolean setsSetting(String flatName) {
        return settings.contains(flatName);
    }
}
