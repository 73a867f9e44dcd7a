package io.attendance.core.calendar;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fast reader accepts exactly what LocalDate.parse accepts, with the same date, and refuses the rest the same way. */
class IsoDatesTest {
    @ParameterizedTest
    @ValueSource(strings = {"2025-09-03", "2024-02-29", "0001-01-01", "9999-12-31", "2025-12-19"})
    void aDateLocalDateReadsIsReadTheSame(String text) {
        assertThat(IsoDates.parse(text)).isEqualTo(LocalDate.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-30", "2025-13-01", "2025-00-10", "2025-9-03", "2025/09/03", "2025-09-3 ", "20250903", "",
            "2025-09-0a", "+2025-09-03", "2025-09-03T00:00", "２０２５-09-03"})
    void whatLocalDateRefusesIsRefusedWithItsMessage(String text) {
        String expected = null;
        try {
            LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            expected = e.getMessage();
        }
        if (expected == null) {
            assertThat(IsoDates.parse(text)).isEqualTo(LocalDate.parse(text)); // e.g. an extended year LocalDate allows
            return;
        }
        assertThatThrownBy(() -> IsoDates.parse(text)).isInstanceOf(DateTimeParseException.class).hasMessage(expected);
    }
}
