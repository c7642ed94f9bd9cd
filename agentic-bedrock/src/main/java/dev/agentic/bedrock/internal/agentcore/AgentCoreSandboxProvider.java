package dev.agentic.bedrock.internal.agentcore;

import dev.agentic.bedrock.AgentCoreSandbox;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.ProviderSpecs;
import dev.agentic.core.spi.SandboxProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * {@code agentcore[:IDENTIFIER]}: an {@link AgentCoreSandbox} on the code interpreter {@code IDENTIFIER}
 * (default {@value AgentCoreSandbox#DEFAULT_IDENTIFIER}) with the standard AWS settings (credentials chain,
 * region chain, {@code AWS_ENDPOINT_URL_BEDROCK_AGENTCORE} / {@code AWS_ENDPOINT_URL}); the context's region
 * ({@code --region}) goes ahead of the region chain and its set-up commands ({@code --setup}) run in every
 * session. Refuses loopback destinations, which a remote sandbox cannot reach. Checks region and credentials
 * first, so a missing setting is a one-line {@link ConfigurationException}. Stateless; the caller closes the
 * sandbox. Registered in {@code META-INF/services}.
 */
public final class AgentCoreSandboxProvider implements SandboxProvider {
    private static final String SCHEME = "agentcore";

    @Override
    public String usage() {
        return "agentcore[:IDENTIFIER]  Amazon Bedrock AgentCore Code Interpreter (default "
                + AgentCoreSandbox.DEFAULT_IDENTIFIER + "), standard AWS settings";
    }

    @Override
    public boolean accepts(String spec) {
        return ProviderSpecs.hasScheme(spec, SCHEME);
    }

    @Override
    public Sandbox create(String spec, ProviderContext context) {
        String identifier = spec.equalsIgnoreCase(SCHEME)
                ? AgentCoreSandbox.DEFAULT_IDENTIFIER
                : ProviderSpecs.argument(spec, SCHEME).trim();
        if (identifier.isEmpty()) {
            throw new ConfigurationException("--sandbox agentcore: needs a code interpreter identifier after the "
                    + "colon, or none at all for " + AgentCoreSandbox.DEFAULT_IDENTIFIER + ".");
        }
        if (!context.loopbackHosts().isEmpty()) {
            throw new ConfigurationException("--sandbox " + spec + " runs code in the cloud, where this machine's "
                    + "loopback " + context.loopbackHosts() + " is out of reach; use --sandbox local for local "
                    + "services.");
        }
        if (context.nodeExecutable().isPresent()) {
            throw new ConfigurationException("--sandbox " + spec + " runs code in the cloud with its own Node.js; "
                    + "--node " + context.nodeExecutable().get() + " names one on this machine: remove --node, or "
                    + "use --sandbox local.");
        }
        AgentCoreSandbox.Builder b = AgentCoreSandbox.builder().identifier(identifier);
        if (context.region().isPresent()) {
            b.region(Region.of(context.region().get()));
        } else {
            try {
                new DefaultAwsRegionProviderChain().getRegion();
            } catch (SdkException e) {
                throw new ConfigurationException("--sandbox " + spec + " needs an AWS region: pass --region, or set "
                        + "AWS_REGION (or a region in the AWS profile), e.g. AWS_REGION=us-east-1.");
            }
        }
        try (DefaultCredentialsProvider credentials =
                DefaultCredentialsProvider.builder().build()) {
            credentials.resolveCredentials();
        } catch (SdkException e) {
            throw new ConfigurationException("--sandbox " + spec + " needs AWS credentials: set AWS_ACCESS_KEY_ID "
                    + "and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE.");
        }
        context.setupCommands().forEach(b::setupCommand);
        return b.build();
    }
}
