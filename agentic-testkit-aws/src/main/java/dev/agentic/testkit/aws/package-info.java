/**
 * Fake AWS services for tests: in-process HTTP servers on 127.0.0.1 that speak the real wire protocols
 * (REST-JSON, JSON 1.1, AWS event-stream frames, AWS error headers), so code under test uses the real AWS SDK
 * clients pointed at {@code endpoint()}: {@link dev.agentic.testkit.aws.FakeBedrockServer} (Bedrock Runtime and
 * Agent Runtime), {@link dev.agentic.testkit.aws.FakeSecretsManagerServer} and
 * {@link dev.agentic.testkit.aws.FakeAgentCoreServer} (the AgentCore code interpreter, running code in a given
 * sandbox). No JUnit dependency.
 */
package dev.agentic.testkit.aws;
