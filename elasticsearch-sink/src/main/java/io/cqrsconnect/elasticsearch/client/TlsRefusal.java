package io.cqrsconnect.elasticsearch.client;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Function;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import io.cqrsconnect.elasticsearch.config.ConnectionSettings;
import io.cqrsconnect.elasticsearch.config.ElasticsearchSinkConnectorConfig;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * This side refused the server's certificate during the https handshake: no retry will change that, only a
 * setting or a new certificate will, so the connector names it ({@link #configKey}, {@link #message}) instead of
 * reporting the cluster as unreachable.
 *
 * @param reason    why the certificate was refused
 * @param detail    what the TLS layer said
 * @param validity  for {@link Reason#EXPIRED}, when the certificate's validity ended ("on ..."), for
 *                  {@link Reason#NOT_YET_VALID} when it begins ("from ..."), and whose certificate it is, as far as
 *                  the TLS layer tells (empty when it does not); empty for the other reasons
 */
public record TlsRefusal(Reason reason, String detail, String validity) {

    /** Why this side refused the certificate. */
    public enum Reason {
        /** No trusted CA signed it. */
        UNTRUSTED,
        /** A trusted CA signed it, but it (or a certificate in its chain) is past its validity. */
        EXPIRED,
        /** A trusted CA signed it, but its validity has not begun by this side's clock. */
        NOT_YET_VALID,
        /** Trusted, but it does not name the host connected to. */
        HOST_NAME_MISMATCH
    }

    /** The refusal somewhere in {@code failure}'s causes, or null when the failure is something else. */
    public static TlsRefusal of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // the client's host name verifier says so with this type once the handshake itself succeeded
            if (cause instanceof SSLPeerUnverifiedException) {
                return new TlsRefusal(Reason.HOST_NAME_MISMATCH, cause.getMessage(), "");
            }
            if (cause instanceof SSLHandshakeException && hasCertificateCause(cause)) {
                String expiredAt = validity(cause, CertPathValidatorException.BasicReason.EXPIRED,
                        CertificateExpiredException.class);
                if (expiredAt != null) {
                    return new TlsRefusal(Reason.EXPIRED, cause.getMessage(), expiredAt);
                }
                String validFrom = validity(cause, CertPathValidatorException.BasicReason.NOT_YET_VALID,
                        CertificateNotYetValidException.class);
                return validFrom != null ? new TlsRefusal(Reason.NOT_YET_VALID, cause.getMessage(), validFrom)
                        : new TlsRefusal(Reason.UNTRUSTED, cause.getMessage(), "");
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

    /** True when the certificate is trusted but does not name the host connected to. */
    public boolean hostNameMismatch() {
        return reason == Reason.HOST_NAME_MISMATCH;
    }

    /** The setting that decides about this refusal. */
    public String configKey(ElasticsearchSinkConnectorConfig config) {
        if (hostNameMismatch()) {
            return ConnectionSettings.CONNECTION_URL_CONFIG;
        }
        return !config.caPemPath().isEmpty() ? ConnectionSettings.TLS_CA_PEM_PATH_CONFIG
                : ConnectionSettings.TLS_TRUSTSTORE_PATH_CONFIG;
    }

    /** What happened and which setting to change; paths and URLs only, never a secret. */
    public String message(ElasticsearchSinkConnectorConfig config) {
        String at = "Elasticsearch at " + config.urls() + " presents a certificate ";
        String trustKeys = ConnectionSettings.TLS_TRUSTSTORE_PATH_CONFIG + " (with "
                + ConnectionSettings.TLS_TRUSTSTORE_PASSWORD_CONFIG + ") or "
                + ConnectionSettings.TLS_CA_PEM_PATH_CONFIG;
        return switch (reason) {
            case HOST_NAME_MISMATCH -> at + "that does not name the host connected to (" + detail + "). Use a host "
                    + "name the certificate holds in " + ConnectionSettings.CONNECTION_URL_CONFIG
                    + ", have the certificate issued for this host, or, for test clusters only, set "
                    + ConnectionSettings.TLS_HOSTNAME_VERIFICATION_CONFIG + "=false";
            // trusted, so the trust settings were right for the certificate as it was: renewing it is the fix
            case EXPIRED -> at + "that expired" + (validity.isEmpty() ? "" : " " + validity) + " (" + detail
                    + "); " + trustedBy(config) + " trusts its CA. Have the cluster's HTTP certificate renewed; if "
                    + "the renewed one is signed by another CA, set " + trustKeys + " to that CA";
            // trusted, and valid later: one of the two clocks is off (or the certificate was issued post-dated)
            case NOT_YET_VALID -> at + "that is not valid yet" + (validity.isEmpty() ? "" : ", valid " + validity)
                    + " (" + detail + "); " + trustedBy(config) + " trusts its CA. Check the clock of this worker "
                    + "and of the machine that issued the certificate: one of them is off";
            case UNTRUSTED -> at + untrustedBy(config) + " (" + detail + "). Set " + trustKeys
                    + " to the CA that signed the cluster's HTTP certificate";
        };
    }

    /** {@link #message} and the setting to change, as a task failure says it. */
    public String describe(ElasticsearchSinkConnectorConfig config) {
        return message(config) + " (config '" + configKey(config) + "')";
    }

    /** Where the trusted CAs come from: the trust store, the PEM file, or the JVM's defaults. */
    private static String trustedBy(ElasticsearchSinkConnectorConfig config) {
        if (!config.truststorePath().isEmpty()) {
            return ConnectionSettings.TLS_TRUSTSTORE_PATH_CONFIG + " (" + config.truststorePath() + ")";
        }
        if (!config.caPemPath().isEmpty()) {
            return ConnectionSettings.TLS_CA_PEM_PATH_CONFIG + " (" + config.caPemPath() + ")";
        }
        return "the JVM's default trust store";
    }

    private static String untrustedBy(ElasticsearchSinkConnectorConfig config) {
        if (config.truststorePath().isEmpty() && config.caPemPath().isEmpty()) {
            return "that the JVM's default trust store does not trust";
        }
        return "that no CA in " + trustedBy(config) + " signed";
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

    /**
     * When the path validation failed for {@code reason} (the validity ended, or has not begun): "on <end>" or
     * "from <start>", with the certificate's subject, where the validator says which certificate of the path it
     * was; else what the {@code exception} said ("NotAfter: ..."); else empty; null when the refusal is about
     * something else.
     */
    private static String validity(Throwable handshake, CertPathValidatorException.BasicReason reason,
                                   Class<? extends CertificateException> exception) {
        boolean matched = false;
        for (Throwable cause = handshake.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof CertPathValidatorException invalid && invalid.getReason() == reason) {
                matched = true;
                X509Certificate certificate = certificateAt(invalid);
                if (certificate != null) {
                    boolean expired = reason == CertPathValidatorException.BasicReason.EXPIRED;
                    return (expired ? "on " + certificate.getNotAfter().toInstant()
                            : "from " + certificate.getNotBefore().toInstant())
                            + " (" + certificate.getSubjectX500Principal().getName() + ")";
                }
            }
            if (exception.isInstance(cause)) {
                return cause.getMessage() == null ? "" : "(" + cause.getMessage() + ")";
            }
        }
        return matched ? "" : null;
    }

    /** The certificate of the path the validator failed on, or null when it does not say. */
    private static X509Certificate certificateAt(CertPathValidatorException invalid) {
        if (invalid.getCertPath() == null || invalid.getIndex() < 0) {
            return null;
        }
        List<? extends Certificate> certificates = invalid.getCertPath().getCertificates();
        return invalid.getIndex() < certificates.size()
                && certificates.get(invalid.getIndex()) instanceof X509Certificate x509 ? x509 : null;
    }
}
