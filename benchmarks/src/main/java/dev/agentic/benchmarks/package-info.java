/** JMH benchmarks of the SDK's hot paths; run them from the shaded {@code benchmarks.jar} (see the README). */
package dev.agentic.benchmarks;
