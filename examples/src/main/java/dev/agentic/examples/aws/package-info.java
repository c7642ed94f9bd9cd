/**
 * The two reference systems on AWS, one scenario per file: {@code ApiDeveloperOnAws} (Bedrock, Secrets
 * Manager, S3, and the local sandbox or AgentCore), {@code CodeInterpreterChat} (a conversation over one stateful
 * session) and {@code AgentOrchestratorOnBedrock} (a tool-using Bedrock model in charge, compared with the
 * default pipeline). Each reads only the standard AWS settings and its own flags, has a {@code main}, and is run
 * by a test against the testkit's fake AWS services and s3proxy.
 */
package dev.agentic.examples.aws;
