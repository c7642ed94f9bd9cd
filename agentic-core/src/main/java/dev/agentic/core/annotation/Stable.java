package dev.agentic.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The type is stable API: within a major version it changes only compatibly. For an interface a caller
 * implements (a SPI), "compatibly" means new methods come with default implementations; for a value class,
 * new fields come with builder defaults.
 *
 * @see Experimental
 * @see Internal
 */
@Stable
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.PACKAGE})
public @interface Stable {}
