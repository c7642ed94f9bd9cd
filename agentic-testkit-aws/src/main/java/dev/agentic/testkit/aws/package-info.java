/**
 * Fake AWS services for tests: in-process HTTP servers on 127.0.0.1 that speak the real wire protocols
 * (REST-JSON, AWS event-stream frames, AWS error headers), so code under test uses the real AWS SDK clients
 * pointed at {@code endpoint()}. Bedrock Runtime: {@link dev.agentic.testkit.aws.FakeBedrockServer}.
 */
package dev.agentic.testkit.aws;
