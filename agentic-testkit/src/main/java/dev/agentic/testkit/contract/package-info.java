/**
 * Contract suites: abstract JUnit 5 classes that every implementation of an SDK interface extends, so
 * all implementations behave alike (stores, sandboxes, chat models).
 */
package dev.agentic.testkit.contract;
