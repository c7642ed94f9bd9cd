/**
 * Contract suites as abstract JUnit 5 classes: extend one in the tests of an implementation (a chat model,
 * a store, a sandbox) and supply the instance under test; the suite checks the behaviour every
 * implementation shares.
 */
package dev.agentic.testkit.contract;
