package io.pgsignal.exposure.identity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint is readable by the configured read role only (board, registries pivot): a valid
 * bearer token (401 otherwise) whose actor is a member of {@code signal.exposure.read-role}, or a
 * Directus user whose role is listed in {@code signal.exposure.directus-read-roles} (403
 * otherwise). Put it on a resource class or method; {@link CallerIdentity} holds the caller.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresReader {}
