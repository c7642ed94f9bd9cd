/**
 * Fake AWS servers for tests, speaking the real wire protocols on the JDK's HTTP server so the real AWS SDK
 * clients can be pointed at them: {@link dev.agentic.testkit.aws.FakeSecretsManagerServer}. No AWS SDK and
 * no JUnit dependency.
 */
package dev.agentic.testkit.aws;
