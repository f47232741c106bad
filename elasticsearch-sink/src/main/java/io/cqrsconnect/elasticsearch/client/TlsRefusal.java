package io.cqrsconnect.elasticsearch.client;

import java.security.GeneralSecurityException;
import java.util.function.Function;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import io.cqrsconnect.elasticsearch.config.ConnectionSettings;
import io.cqrsconnect.elasticsearch.config.ElasticsearchSinkConnectorConfig;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * This side refused the server's certificate during the https handshake: no retry will change that, only a
 * setting will, so the connector names it ({@link #configKey}, {@link #message}) instead of reporting the cluster
 * as unreachable.
 *
 * @param hostNameMismatch true when the certificate is trusted but does not name the host connected to; false when
 *                         no trusted CA signed it
 * @param detail           what the TLS layer said
 */
public record TlsRefusal(boolean hostNameMismatch, String detail) {

    /** The refusal somewhere in {@code failure}'s causes, or null when the failure is something else. */
    public static TlsRefusal of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // the client's host name verifier says so with this type once the handshake itself succeeded
            if (cause instanceof SSLPeerUnverifiedException) {
                return new TlsRefusal(true, cause.getMessage());
            }
            if (cause instanceof SSLHandshakeException && hasCertificateCause(cause)) {
                return new TlsRefusal(false, cause.getMessage());
            }
        }
        return null;
    }

    /**
     * Fails the task when {@code failure} is a refused certificate, met on a path that would otherwise retry it;
     * returns when it is something else.
     *
     * @param advice  what to tell the user about the refusal: {@link #describe} with the task's config
     * @param notDone what was not written, read or created, and what follows for the offsets
     */
    public static void throwIfRefused(Throwable failure, Function<TlsRefusal, String> advice, String notDone) {
        TlsRefusal refusal = of(failure);
        if (refusal != null) {
            throw new ConnectException(advice.apply(refusal) + ". Not retried: every attempt would meet the same "
                    + "certificate. " + notDone + "; restart the task once the setting or the certificate is fixed.",
                    failure);
        }
    }

    /** The setting that decides about this refusal. */
    public String configKey(ElasticsearchSinkConnectorConfig config) {
        if (hostNameMismatch) {
            return ConnectionSettings.CONNECTION_URLS_CONFIG;
        }
        return !config.caPemPath().isEmpty() ? ConnectionSettings.TLS_CA_PEM_PATH_CONFIG
                : ConnectionSettings.TLS_TRUSTSTORE_PATH_CONFIG;
    }

    /** What happened and which setting to change; paths and URLs only, never a secret. */
    public String message(ElasticsearchSinkConnectorConfig config) {
        String at = "Elasticsearch at " + config.urls() + " presents a certificate ";
        if (hostNameMismatch) {
            return at + "that does not name the host connected to (" + detail + "). Use a host name the "
                    + "certificate holds in " + ConnectionSettings.CONNECTION_URLS_CONFIG
                    + ", have the certificate issued for this host, or, for test clusters only, set "
                    + ConnectionSettings.TLS_HOSTNAME_VERIFICATION_CONFIG + "=false";
        }
        String trusted;
        if (!config.truststorePath().isEmpty()) {
            trusted = "that no CA in " + ConnectionSettings.TLS_TRUSTSTORE_PATH_CONFIG + " ("
                    + config.truststorePath() + ") signed";
        } else if (!config.caPemPath().isEmpty()) {
            trusted = "that no CA in " + ConnectionSettings.TLS_CA_PEM_PATH_CONFIG + " ("
                    + config.caPemPath() + ") signed";
        } else {
            trusted = "that the JVM's default trust store does not trust";
        }
        return at + trusted + " (" + detail + "). Set " + ConnectionSettings.TLS_TRUSTSTORE_PATH_CONFIG
                + " (with " + ConnectionSettings.TLS_TRUSTSTORE_PASSWORD_CONFIG + ") or "
                + ConnectionSettings.TLS_CA_PEM_PATH_CONFIG
                + " to the CA that signed the cluster's HTTP certificate";
    }

    /** {@link #message} and the setting to change, as a task failure says it. */
    public String describe(ElasticsearchSinkConnectorConfig config) {
        return message(config) + " (config '" + configKey(config) + "')";
    }

    private static boolean hasCertificateCause(Throwable handshake) {
        for (Throwable cause = handshake.getCause(); cause != null; cause = cause.getCause()) {
            // PKIX path building or validation failed: CertPathBuilderException, sun's ValidatorException (a
            // CertificateException), ...
            if (cause instanceof GeneralSecurityException) {
                return true;
            }
        }
        return false;
    }
}
