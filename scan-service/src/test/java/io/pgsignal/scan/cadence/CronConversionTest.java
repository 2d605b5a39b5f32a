package io.pgsignal.scan.cadence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronConversionTest {

  @ParameterizedTest(name = "unix ''{0}'' = directus ''{1}'' = quartz ''{2}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "0 */6 * * *      | 0 0 */6 * * *      | 0 0 */6 * * ?",
        "30 2 * * 1-5     | 0 30 2 * * 1-5     | 0 30 2 ? * MON,TUE,WED,THU,FRI",
        "0 0 1 * *        | 0 0 0 1 * *        | 0 0 0 1 * ?",
        "15,45 8-18 * 1,7 * | 0 15,45 8-18 * 1,7 * | 0 15,45 8-18 * 1,7 ?",
        "0 12 * * 0       | 0 0 12 * * 0       | 0 0 12 ? * SUN",
        "0 0 * * */2      | 0 0 0 * * */2      | 0 0 0 ? * SUN,TUE,THU,SAT",
        "5 4 * 1-6/2 *    | 0 5 4 * 1-6/2 *    | 0 5 4 * 1-6/2 ?"
      })
  void convertsBothWaysOnTheTable(String unix, String directus, String quartz) {
    assertThat(CronConversion.unixToDirectus(unix)).isEqualTo(directus);
    assertThat(CronConversion.unixToQuartz(unix)).isEqualTo(quartz);
    assertThat(CronConversion.directusToUnix(directus)).isEqualTo(unix);
    String back = CronConversion.quartzToUnix(quartz);
    assertThat(CronConversion.unixToQuartz(back)).isEqualTo(quartz);
  }

  @ParameterizedTest(name = "''{0}'' canonical ''{1}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "0 */6 * * *        | 0 */6 * * *",
        "0  0  *  *  7      | 0 0 * * 0",
        "0 0 * jan-mar mon  | 0 0 * 1-3 1",
        "5/15 * * * *       | 5-59/15 * * * *"
      })
  void normalisesUnixSpelling(String given, String canonical) {
    assertThat(CronConversion.canonicalUnix(given)).isEqualTo(canonical);
  }

  @ParameterizedTest(name = "quartz ''{0}'' → unix ''{1}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "0 0 */6 * * ?       | 0 */6 * * *",
        "0 0 0/6 * * ? *     | 0 0-23/6 * * *",
        "0 30 2 ? * MON-FRI  | 30 2 * * 1,2,3,4,5",
        "0 0 12 ? * 1        | 0 12 * * 0",
        "00 0 12 ? * 2-6     | 0 12 * * 1,2,3,4,5"
      })
  void convertsQuartzToUnix(String quartz, String unix) {
    assertThat(CronConversion.quartzToUnix(quartz)).isEqualTo(unix);
  }

  @ParameterizedTest(name = "unix ''{0}'' refused")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                 | empty",
        "0 */6 * *          | 4 fields",
        "0 0 */6 * * * *    | 7 fields",
        "60 * * * *         | minute value 60",
        "0 24 * * *         | hour value 24",
        "0 0 0 * *          | day-of-month value 0",
        "0 0 * 13 *         | month value 13",
        "0 0 * * 8          | day-of-week value 8",
        "0 0 * * mon#2      | not a number",
        "*/0 * * * *        | step 0",
        "0 5-1 * * *        | runs backwards",
        "@daily             | macros",
        "0 0 1 * 1          | Quartz cannot"
      })
  void refusesInvalidUnixExpressionsClearly(String unix, String reason) {
    assertThatThrownBy(
            () -> {
              CronConversion.canonicalUnix(unix);
              CronConversion.unixToQuartz(unix);
            })
        .isInstanceOf(CronFormatException.class)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest(name = "quartz/directus ''{0}'' refused")
  @CsvSource(
      delimiter = '|',
      value = {
        "quartz   | 30 0 12 * * ?      | seconds '30' must be 0",
        "quartz   | 0 0 12 L * ?       | L, W and #",
        "quartz   | 0 0 12 ? * 6#3     | L, W and #",
        "quartz   | 0 0 12 * * MON     | exactly one of",
        "quartz   | 0 0 12 ? * ?       | exactly one of",
        "quartz   | 0 0 12 * * ? 2030  | year",
        "quartz   | 0 0 12 ? * 9       | outside 1-7",
        "directus | 15 0 */6 * * *     | seconds '15' must be 0",
        "directus | 0 0 */6 * * * *    | 7 fields"
      })
  void refusesWhatCannotBeSaidExactly(String dialect, String expression, String reason) {
    assertThatThrownBy(
            () -> {
              if (dialect.equals("quartz")) {
                CronConversion.quartzToUnix(expression);
              } else {
                CronConversion.directusToUnix(expression);
              }
            })
        .isInstanceOf(CronFormatException.class)
        .hasMessageContaining(reason);
  }
}
