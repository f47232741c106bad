package io.cqrsconnect.elasticsearch.config;

import io.cqrsconnect.common.config.EnumSetting;

/**
 * Keys, documentation and defaults of the settings that say where field mappings come from and how Connect types
 * map to Elasticsearch types.
 * {@link ElasticsearchSinkConfigDef} defines them; {@link ElasticsearchSinkConnectorConfig} reads them.
 */
public final class MappingSettings {

    public static final String MAPPING_MODE_CONFIG = "mapping.mode";
    static final String MAPPING_MODE_DOC = "Where field mappings come from: dynamic (Elasticsearch guesses "
            + "from the first value, or an index template you installed decides), schema (the connector maps each "
            + "field from the record's Connect schema before the first document: dates as date, decimals per "
            + "mapping.decimal.type, strings per mapping.string.type; fields a new schema version adds are "
            + "added to the mapping; records without a schema use dynamic mapping), or custom (the connector "
            + "creates each target index with the mapping you give in mapping.custom.json). An index template "
            + "you installed is respected: when a composable template matches an index name, the template's "
            + "settings and mappings apply, the sink adds only settings the template does not set, and in schema "
            + "mode maps no fields there when the template has mappings of its own (a custom mapping is sent as "
            + "given: Elasticsearch lays it over the template's). Existing indices keep their mappings in dynamic "
            + "and custom modes.";
    public static final String MAPPING_MODE_DEFAULT = EnumSetting.spelling(MappingMode.DYNAMIC);

    public static final String MAPPING_STRING_TYPE_CONFIG = "mapping.string.type";
    static final String MAPPING_STRING_TYPE_DOC = "How mapping.mode=schema maps string fields: text "
            + "(full-text search), keyword (exact: filters, sorting, aggregations), or text_and_keyword (text with a "
            + "'keyword' sub-field, as dynamic mapping does).";
    public static final String MAPPING_STRING_TYPE_DEFAULT = EnumSetting.spelling(StringMapping.TEXT_AND_KEYWORD);

    public static final String MAPPING_DECIMAL_TYPE_CONFIG = "mapping.decimal.type";
    static final String MAPPING_DECIMAL_TYPE_DOC = "How mapping.mode=schema maps Decimal fields: double (every "
            + "distribution has it), scaled_float (exact cents: a scaled_float of the decimal's scale; needs the "
            + "mapper-extras module of full distributions), or keyword.";
    public static final String MAPPING_DECIMAL_TYPE_DEFAULT = EnumSetting.spelling(DecimalMapping.DOUBLE);

    public static final String MAPPING_TOTAL_FIELDS_LIMIT_CONFIG = "mapping.total.fields.limit";
    static final String MAPPING_TOTAL_FIELDS_LIMIT_DOC = "A guard against mapping explosion (e.g. schemaless input "
            + "whose keys are data): the most fields an index the sink creates may map. When set, the sink creates "
            + "each target index itself (in either mapping mode) with index.mapping.total_fields.limit; documents "
            + "that would pass it are rejected and handled per behavior.on.malformed.documents. 0: Elasticsearch's "
            + "default (1000), indices created on the first write.";
    public static final int MAPPING_TOTAL_FIELDS_LIMIT_DEFAULT = 0;

    public static final String MAPPING_KEYWORD_FIELDS_CONFIG = "mapping.keyword.fields";
    static final String MAPPING_KEYWORD_FIELDS_DOC = "String fields (dotted paths, e.g. status,address.zip) "
            + "mapped as keyword whatever mapping.string.type says.";
    public static final String MAPPING_KEYWORD_FIELDS_DEFAULT = "";

    public static final String MAPPING_TEXT_FIELDS_CONFIG = "mapping.text.fields";
    static final String MAPPING_TEXT_FIELDS_DOC = "String fields (dotted paths) mapped as text whatever "
            + "mapping.string.type says.";
    public static final String MAPPING_TEXT_FIELDS_DEFAULT = "";

    public static final String MAPPING_CUSTOM_JSON_CONFIG = "mapping.custom.json";
    static final String MAPPING_CUSTOM_JSON_DOC = "The mapping the sink creates each target index with when "
            + "mapping.mode=custom, as JSON: the mappings object of Elasticsearch's create-index API, e.g. "
            + "{\"properties\": {\"status\": {\"type\": \"keyword\"}}, \"dynamic\": \"strict\"}, or a whole "
            + "create-index body {\"settings\": {...}, \"mappings\": {...}} (e.g. the analyzers a mapping uses). "
            + "The sink's own settings (mapping.total.fields.limit, index.gc.deletes) are added unless these "
            + "settings or a matching index template set them. Checked when the connector is configured; to keep "
            + "it in a file, load it with Kafka's DirectoryConfigProvider (config.providers=dir, "
            + "config.providers.dir.class=org.apache.kafka.common.config.provider.DirectoryConfigProvider on "
            + "the worker, then mapping.custom.json=${dir:/etc/kafka/mappings:orders.json}).";
    public static final String MAPPING_CUSTOM_JSON_DEFAULT = "";

    private MappingSettings() {
    }
}
