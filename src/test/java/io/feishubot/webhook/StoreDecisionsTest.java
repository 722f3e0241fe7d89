package io.feishubot.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feishubot.idempotency.IdempotencyKey;
import io.feishubot.idempotency.InMemoryIdempotencyStore;
import io.feishubot.router.Decision;
import io.feishubot.router.DecisionUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StoreDecisionsTest {

  private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(Duration.ofHours(24));
  private final Instant t0 = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void theFirstDecisionWins_andLaterOnesReadItBack() {
    Decision first = decisions(t0).decide("deploy:om_1", "Approved", "ou_a");
    Decision later = decisions(t0.plusSeconds(60)).decide("deploy:om_1", "Rejected", "ou_b");

    assertThat(first).isEqualTo(new Decision("deploy:om_1", "Approved", "ou_a", t0, true));
    assertThat(later).isEqualTo(new Decision("deploy:om_1", "Approved", "ou_a", t0, false));
  }

  @Test
  void subjectsAreIndependent() {
    decisions(t0).decide("deploy:om_1", "Approved", "ou_a");
    assertThat(decisions(t0).decide("deploy:om_2", "Rejected", "ou_b").byThisCall()).isTrue();
  }

  @Test
  void aDecisionBeingRecorded_isUnavailable_notDecidedTwice() {
    // Another press holds the subject and has not completed it yet.
    store.claim(new IdempotencyKey("cli_test", "decision:deploy:om_3"), t0, t0.plusSeconds(5));
    assertThatThrownBy(() -> decisions(t0).decide("deploy:om_3", "Approved", "ou_a"))
        .isInstanceOf(DecisionUnavailableException.class);
  }

  private StoreDecisions decisions(Instant now) {
    return new StoreDecisions(store, "cli_test", Clock.fixed(now, ZoneOffset.UTC));
  }
}
