/** The {@code agentic} command-line tool (picocli): one class per subcommand. */
package dev.agentic.examples.cli;
