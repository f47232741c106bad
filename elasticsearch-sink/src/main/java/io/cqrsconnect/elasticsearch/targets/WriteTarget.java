package io.cqrsconnect.elasticsearch.targets;

import java.util.Optional;

/**
 * What a name the sink writes to stands for in the cluster, as found before its first write.
 *
 * @param name the index, alias or data stream name
 * @param kind what the name is
 * @param template the composable index template matching the name, when one does and the sink may read templates
 */
public record WriteTarget(String name, Kind kind, Optional<MatchedTemplate> template) {

    /** What a name stands for. */
    public enum Kind {
        /** A concrete index. */
        INDEX,
        /** An alias of indices: writes go to its write index. */
        ALIAS,
        /** A data stream, or an alias of data streams. */
        DATA_STREAM,
        /** Nothing yet: the first write creates it (an index, or a data stream when a template says so). */
        ABSENT,
        /** The sink may not look (no privilege to): treated as an index, as before the sink looked. */
        UNKNOWN
    }

    /** True when writes to the name go into a data stream: it is one, or the template makes one. */
    public boolean isDataStream() {
        return kind == Kind.DATA_STREAM || (kind == Kind.ABSENT || kind == Kind.UNKNOWN)
                && template.map(MatchedTemplate::dataStream).orElse(false);
    }

    /** True when an index template decides the mappings of indices with this name. */
    public boolean templateMaps() {
        return template.map(MatchedTemplate::hasMappings).orElse(false);
    }
}
