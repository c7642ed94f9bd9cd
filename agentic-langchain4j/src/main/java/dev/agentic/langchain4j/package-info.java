/**
 * The LangChain4j bridge, both ways: {@link dev.agentic.langchain4j.LangChain4jChatModel} makes any LangChain4j
 * chat model our {@code ChatModel} (and the {@code openai:MODEL} and {@code anthropic:MODEL} providers build
 * one from a spec), and {@link dev.agentic.langchain4j.SandboxCodeTool} and
 * {@link dev.agentic.langchain4j.SandboxCodeExecutionEngine} give LangChain4j agents our validator and sandbox.
 */
package dev.agentic.langchain4j;
