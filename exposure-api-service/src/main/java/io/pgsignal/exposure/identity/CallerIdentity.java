package io.pgsignal.exposure.identity;

import jakarta.enterprise.context.RequestScoped;

/**
 * The caller of the current request, set by {@link IdentityFilter} before a resource method
 * annotated with {@link RequiresActor} or {@link RequiresReader} runs.
 */
@RequestScoped
public class CallerIdentity {

  private Caller caller;

  void set(Caller caller) {
    this.caller = caller;
  }

  /** The authenticated caller; only on endpoints annotated with a Requires* annotation. */
  public Caller caller() {
    if (caller == null) {
      throw new IllegalStateException(
          "No caller: annotate the endpoint with @RequiresActor or @RequiresReader");
    }
    return caller;
  }

  /** The caller's actor (never null on {@link RequiresActor} endpoints). */
  public String actorRef() {
    return caller().actorRef();
  }
}
