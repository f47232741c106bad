/**
 * The three analysis components of Elasticsearch's {@code analysis-common} module that the {@code .security} system
 * index needs, packaged by {@link io.cqrsconnect.testing.elasticsearch.SecurityAnalysisPlugin} as a stable
 * Elasticsearch plugin for the test node.
 *
 * <p>Why: the only Elasticsearch 8 server on Maven Central, {@code org.elasticsearch.distribution.integ-test-zip},
 * ships the modules {@code apm}, {@code transport-netty4}, {@code x-pack-core} and {@code x-pack-security} only, and
 * {@code analysis-common} is not published on its own for 8.x. The {@code .security} index declares an {@code email}
 * analyzer (tokenizer {@code uax_url_email}, filters {@code pattern_capture}, {@code lowercase}, {@code unique}), so
 * without these components the index cannot be created and everything stored in it fails: API keys, native users,
 * roles ("Unknown filter type [pattern_capture] for [email]"). Each component here is Lucene's own implementation
 * behind the stable analysis API; the security features themselves stay Elasticsearch's.
 *
 * <p>These classes run inside the Elasticsearch node, never in the test JVM: the fixture copies their class files
 * into the plugin, and the node supplies the API they compile against.
 */
package io.cqrsconnect.testing.elasticsearch.securityanalysis;
