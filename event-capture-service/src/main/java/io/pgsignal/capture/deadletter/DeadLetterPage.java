package io.pgsignal.capture.deadletter;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A page of dead letters, newest first; pass {@code next_before} as {@code before} for the next.
 */
public record DeadLetterPage(
    List<DeadLetter> items, @JsonProperty("next_before") Long nextBefore) {}
