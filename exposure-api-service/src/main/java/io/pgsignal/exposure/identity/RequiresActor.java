package io.pgsignal.exposure.identity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint acts for the caller's own actor: a valid bearer token that maps to a signal actor is
 * required (401 otherwise). The actor is then available from {@link CallerIdentity#actorRef()}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresActor {}
