package io.cqrsconnect.elasticsearch.config;

/**
 * Keys, documentation and defaults of the settings that say where the cluster is and how the sink connects to it:
 * URLs, credentials, timeouts and TLS trust.
 * {@link ElasticsearchSinkConfigDef} defines them; {@link ElasticsearchSinkConnectorConfig} reads them.
 */
public final class ConnectionSettings {

    public static final String CONNECTION_URL_CONFIG = "connection.url";
    static final String CONNECTION_URL_DOC = "Elasticsearch HTTP endpoints, comma-separated, e.g. "
            + "https://es1:9200,https://es2:9200. Requests are spread over them.";

    public static final String CONNECTION_USER_CONFIG = "connection.user";
    static final String CONNECTION_USER_DOC = "User for basic authentication; empty for none.";
    public static final String CONNECTION_USER_DEFAULT = "";

    public static final String CONNECTION_PASSWORD_CONFIG = "connection.password";
    static final String CONNECTION_PASSWORD_DOC = "Password for basic authentication.";

    public static final String CONNECTION_API_KEY_CONFIG = "connection.api.key";
    static final String CONNECTION_API_KEY_DOC = "An Elasticsearch API key (the base64 'encoded' form), "
            + "sent as 'Authorization: ApiKey ...'. Use it or basic authentication, not both.";

    public static final String CONNECTION_TIMEOUT_MS_CONFIG = "connection.timeout.ms";
    static final String CONNECTION_TIMEOUT_MS_DOC = "How long to wait for a TCP connection.";
    public static final int CONNECTION_TIMEOUT_MS_DEFAULT = 5_000;

    public static final String READ_TIMEOUT_MS_CONFIG = "read.timeout.ms";
    static final String READ_TIMEOUT_MS_DOC = "How long to wait for the answer to one request.";
    public static final int READ_TIMEOUT_MS_DEFAULT = 60_000;

    public static final String TLS_TRUSTSTORE_PATH_CONFIG = "tls.truststore.path";
    static final String TLS_TRUSTSTORE_PATH_DOC = "Trust store (JKS or PKCS12) holding the CA that signed "
            + "the cluster's certificate, for https URLs. Empty: the JVM's default trust store, or tls.ca.pem.path.";
    public static final String TLS_TRUSTSTORE_PATH_DEFAULT = "";

    public static final String TLS_TRUSTSTORE_PASSWORD_CONFIG = "tls.truststore.password";
    static final String TLS_TRUSTSTORE_PASSWORD_DOC = "Password of the trust store.";

    public static final String TLS_TRUSTSTORE_TYPE_CONFIG = "tls.truststore.type";
    static final String TLS_TRUSTSTORE_TYPE_DOC = "Trust store format: PKCS12 or JKS.";
    public static final String TLS_TRUSTSTORE_TYPE_DEFAULT = "PKCS12";

    public static final String TLS_CA_PEM_PATH_CONFIG = "tls.ca.pem.path";
    static final String TLS_CA_PEM_PATH_DOC = "A PEM file with the CA certificate(s) to trust, as "
            + "Elasticsearch writes to config/certs/http_ca.crt. Alternative to tls.truststore.path.";
    public static final String TLS_CA_PEM_PATH_DEFAULT = "";

    public static final String TLS_HOSTNAME_VERIFICATION_CONFIG = "tls.hostname.verification";
    static final String TLS_HOSTNAME_VERIFICATION_DOC = "Check that the server certificate names the host "
            + "connected to. Turn off only for test clusters whose certificates name no host.";
    public static final boolean TLS_HOSTNAME_VERIFICATION_DEFAULT = true;

    private ConnectionSettings() {
    }
}
