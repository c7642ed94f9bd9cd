package dev.agentic.bedrock.agentcore;

import dev.agentic.bedrock.AgentCoreSandbox;
import dev.agentic.sandbox.LocalSandbox;
import dev.agentic.testkit.aws.FakeAgentCoreServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** A local sandbox, a fake AgentCore server running code in it, and builders of sandboxes pointed at it. */
final class AgentCoreFixture implements AutoCloseable {
    final LocalSandbox local;
    final FakeAgentCoreServer server;

    AgentCoreFixture() {
        this(LocalSandbox.builder());
    }

    /** With a local sandbox from {@code local} (for example one with a chosen Node.js). */
    AgentCoreFixture(LocalSandbox.Builder local) {
        this.local = local.maxSessions(100).build();
        this.server = FakeAgentCoreServer.start(this.local);
    }

    /** A builder with the fake's endpoint, a region and static credentials. */
    AgentCoreSandbox.Builder sandbox() {
        return AgentCoreSandbox.builder()
                .endpoint(server.endpoint())
                .region(Region.US_EAST_1)
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFAKE", "fake")));
    }

    @Override
    public void close() {
        server.close();
        local.close();
    }
}
