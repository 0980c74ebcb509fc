package dev.dropdx.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test that needs no lab but takes long (thousands of cases, dozens of JVMs): it runs in the
 * slow tier (failsafe, after `package`) with the lab tests, so a unit failure is reported before
 * it starts. Put it on a class or a method.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("slow")
public @interface SlowTest {}
