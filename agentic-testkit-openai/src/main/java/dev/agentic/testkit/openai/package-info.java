/**
 * A fake OpenAI-compatible chat completions server for tests: {@link dev.agentic.testkit.openai.FakeOpenAiServer}
 * answers {@code POST /v1/chat/completions} on 127.0.0.1 with JSON or server-sent events, tool calls, token usage
 * and scripted HTTP errors, so code under test uses a real client pointed at its base URL. No JUnit dependency.
 */
package dev.agentic.testkit.openai;
