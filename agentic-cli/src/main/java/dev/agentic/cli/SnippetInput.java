package dev.agentic.cli;

import dev.agentic.core.Language;

/**
 * Collects the lines typed into {@code agentic repl} until they form a complete snippet of the session's
 * language: {@link ReplInput} for Python, {@link ScriptReplInput} for JavaScript and TypeScript. Not
 * thread-safe; one per session.
 */
interface SnippetInput {
    /** Whether no line of the next snippet has been read yet. */
    boolean empty();

    /** Adds a line and says whether to read more, run, or run and then offer the same line again. */
    ReplInput.Step add(String line);

    /** The snippet read so far; clears the buffer. */
    String take();

    /** The reader for {@code language}'s snippets. */
    static SnippetInput forLanguage(Language language) {
        return language == Language.PYTHON ? new ReplInput() : new ScriptReplInput();
    }
}
