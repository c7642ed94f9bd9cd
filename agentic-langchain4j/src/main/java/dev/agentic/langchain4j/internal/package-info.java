/**
 * How the LangChain4j bridge works: conversions between our model types and LangChain4j's (messages, tool
 * specifications and JSON schemas, responses, exceptions), the streaming handler, and the {@code openai:} and
 * {@code anthropic:} providers. Not API: no other module imports it.
 */
package dev.agentic.langchain4j.internal;
