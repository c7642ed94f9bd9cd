/**
 * Fake AWS services for tests: in-process HTTP servers on 127.0.0.1 that speak the real wire protocols
 * (REST-JSON, JSON 1.1, AWS event-stream frames, AWS error headers), so code under test uses the real AWS SDK
 * clients pointed at {@code endpoint()}: {@link dev.agentic.testkit.aws.FakeBedrockServer} (Bedrock Runtime and
 * Agent Runtime) and {@link dev.agentic.testkit.aws.FakeSecretsManagerServer}. No JUnit dependency.
 */
package dev.agentic.testkit.aws;
