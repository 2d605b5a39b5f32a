package io.pgsignal.exposure.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StreamCursorTest {

  @Test
  void anIdSeenWhileATransactionRanSettlesOnlyOnceAllOfThoseTransactionsEnded() {
    StreamCursor cursor = new StreamCursor(10);
    cursor.read(100, 105, List.of(12L), true); // xids 100..104 may hold a lower id
    assertThat(cursor.settled()).isEqualTo(10);
    assertThat(cursor.resumeId(12)).isEqualTo(10);
    assertThat(cursor.sentAbove()).containsExactly(12L);

    cursor.read(105, 106, List.of(11L), true); // all of them ended; 11 came late
    assertThat(cursor.settled()).isEqualTo(12);
    assertThat(cursor.resumeId(11)).isEqualTo(11);
    assertThat(cursor.sentAbove()).isEmpty();
  }

  @Test
  void aReadCutByThePageSizeDoesNotSettle() {
    StreamCursor cursor = new StreamCursor(0);
    cursor.read(200, 200, List.of(1L, 2L), false);
    assertThat(cursor.settled()).isZero();
    assertThat(cursor.sentAbove()).containsExactly(1L, 2L);
    cursor.read(200, 200, List.of(3L), true);
    assertThat(cursor.settled()).isEqualTo(3);
    assertThat(cursor.sentAbove()).isEmpty();
  }
}
