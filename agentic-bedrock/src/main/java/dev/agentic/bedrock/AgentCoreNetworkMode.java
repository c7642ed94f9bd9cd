package dev.agentic.bedrock;

import dev.agentic.core.annotation.Experimental;

/**
 * The network mode of an AgentCore code interpreter resource, set when the resource is created (control
 * plane {@code CreateCodeInterpreter}, {@code networkConfiguration.networkMode}) and the same for every
 * session and run in it. {@link AgentCoreSandbox} cannot change or narrow it per run; see
 * {@link AgentCoreSandbox.Builder#networkWithoutHostFiltering(AgentCoreNetworkMode)}.
 */
@Experimental
public enum AgentCoreNetworkMode {
    /** Limited egress to AWS services such as Amazon S3 (the built-in {@code aws.codeinterpreter.v1}). */
    SANDBOX,
    /** Internet access. */
    PUBLIC,
    /** Access to private resources in the VPC the interpreter is attached to. */
    VPC
}
