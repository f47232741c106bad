package io.cqrsconnect.elasticsearch.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Collections;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.cqrsconnect.elasticsearch.config.ConnectionSettings;
import io.cqrsconnect.elasticsearch.config.ElasticsearchSinkConnectorConfig;
import org.apache.kafka.common.config.ConfigException;

/** The certificates an https connection trusts: a trust store, a PEM CA file, or (neither set) the JVM's. */
final class TlsTrust {

    private TlsTrust() {
    }

    /** The SSL context for the configured trust, or null to use the JVM's default. */
    static SSLContext sslContext(ElasticsearchSinkConnectorConfig config) {
        KeyStore trusted;
        if (!config.truststorePath().isEmpty()) {
            trusted = loadTrustStore(config);
        } else if (!config.caPemPath().isEmpty()) {
            trusted = loadPem(config.caPemPath());
        } else {
            return null;
        }
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigException("could not set up TLS trust: " + e.getMessage());
        }
    }

    private static KeyStore loadTrustStore(ElasticsearchSinkConnectorConfig config) {
        String path = config.truststorePath();
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            KeyStore store = KeyStore.getInstance(config.truststoreType());
            char[] password = config.truststorePassword() == null ? null
                    : config.truststorePassword().value().toCharArray();
            store.load(in, password);
            if (!hasCertificate(store)) {
                // a PKCS12 store opened without its password shows no (encrypted) certificates at all
                throw new ConfigException(ConnectionSettings.TLS_TRUSTSTORE_PATH_CONFIG, path,
                        "holds no certificate to trust" + (password == null ? " that can be read without "
                                + ConnectionSettings.TLS_TRUSTSTORE_PASSWORD_CONFIG : ""));
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                // the password is the secret: the value stays hidden, the message names the store it does not open
                throw new ConfigException(ConnectionSettings.TLS_TRUSTSTORE_PASSWORD_CONFIG, "[hidden]",
                        "does not open the " + config.truststoreType() + " trust store " + path);
            }
            throw new ConfigException(ConnectionSettings.TLS_TRUSTSTORE_PATH_CONFIG, path,
                    "cannot read the " + config.truststoreType() + " trust store (check the file, "
                            + ConnectionSettings.TLS_TRUSTSTORE_TYPE_CONFIG + " and "
                            + ConnectionSettings.TLS_TRUSTSTORE_PASSWORD_CONFIG + "): " + e.getMessage());
        }
    }

    private static boolean hasCertificate(KeyStore store) throws KeyStoreException {
        for (String alias : Collections.list(store.aliases())) {
            if (store.isCertificateEntry(alias) || store.getCertificate(alias) != null) {
                return true;
            }
        }
        return false;
    }

    private static KeyStore loadPem(String path) {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new ConfigException(ConnectionSettings.TLS_CA_PEM_PATH_CONFIG, path,
                        "holds no certificate");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(ConnectionSettings.TLS_CA_PEM_PATH_CONFIG, path,
                    "cannot read PEM certificates: " + e.getMessage());
        }
    }
}
