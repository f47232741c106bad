package io.cqrsconnect.elasticsearch;

/**
 * JSON as Kafka's {@code JsonConverter} reads it with {@code schemas.enable=true}: a schema and a payload. Tests
 * produce these strings, as a real producer in front of a schema-less pipeline would.
 */
final class ConnectJson {

    /** The schema of the people used across the tests: id, name, age (optional), city (optional). */
    static final String PERSON_SCHEMA = "{\"type\":\"struct\",\"optional\":true,\"name\":\"person\",\"fields\":["
            + "{\"field\":\"id\",\"type\":\"int64\",\"optional\":false},"
            + "{\"field\":\"name\",\"type\":\"string\",\"optional\":false},"
            + "{\"field\":\"age\",\"type\":\"int32\",\"optional\":true},"
            + "{\"field\":\"city\",\"type\":\"string\",\"optional\":true}]}";

    static final String INT64_SCHEMA = "{\"type\":\"int64\",\"optional\":false}";

    /** A composite key: tenant and number. */
    static final String TENANT_KEY_SCHEMA = "{\"type\":\"struct\",\"optional\":false,\"fields\":["
            + "{\"field\":\"tenant\",\"type\":\"string\",\"optional\":false},"
            + "{\"field\":\"number\",\"type\":\"int64\",\"optional\":false}]}";

    private ConnectJson() {
    }

    static String withSchema(String schema, String payload) {
        return "{\"schema\":" + schema + ",\"payload\":" + payload + "}";
    }

    static String person(long id, String name, Integer age, String city) {
        return "{\"id\":" + id + ",\"name\":\"" + name + "\",\"age\":" + age + ",\"city\":"
                + (city == null ? "null" : "\"" + city + "\"") + "}";
    }

    static String personRecord(long id, String name, Integer age, String city) {
        return withSchema(PERSON_SCHEMA, person(id, name, age, city));
    }

    static String longKey(long id) {
        return withSchema(INT64_SCHEMA, Long.toString(id));
    }

    /** A Debezium change event's envelope with its schema: before, after, op, source (db, schema, table), ts_ms. */
    static String debeziumEvent(String op, String beforePayload, String afterPayload, String table) {
        String sourceSchema = "{\"type\":\"struct\",\"optional\":false,\"name\":\"io.debezium.connector.postgresql"
                + ".Source\",\"field\":\"source\",\"fields\":["
                + "{\"field\":\"db\",\"type\":\"string\",\"optional\":false},"
                + "{\"field\":\"schema\",\"type\":\"string\",\"optional\":false},"
                + "{\"field\":\"table\",\"type\":\"string\",\"optional\":false}]}";
        String image = PERSON_SCHEMA.substring(0, PERSON_SCHEMA.length() - 1);
        String envelopeSchema = "{\"type\":\"struct\",\"optional\":false,\"name\":\"server.public.people.Envelope\","
                + "\"fields\":["
                + image + ",\"field\":\"before\"},"
                + image + ",\"field\":\"after\"},"
                + sourceSchema + ","
                + "{\"field\":\"op\",\"type\":\"string\",\"optional\":false},"
                + "{\"field\":\"ts_ms\",\"type\":\"int64\",\"optional\":true}]}";
        String payload = "{\"before\":" + beforePayload + ",\"after\":" + afterPayload
                + ",\"source\":{\"db\":\"shop\",\"schema\":\"public\",\"table\":\"" + table + "\"},\"op\":\"" + op
                + "\",\"ts_ms\":1700000000000}";
        return withSchema(envelopeSchema, payload);
    }
}
