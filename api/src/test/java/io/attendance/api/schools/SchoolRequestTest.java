package io.attendance.api.schools;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.attendance.core.marks.FieldError;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class SchoolRequestTest {
    private static SchoolRequest.Parsed parse(String opensOn) throws Exception {
        return SchoolRequest.parse("100001", new ObjectMapper().readTree("""
                {"name": "Riverside", "la": "Norfolk", "policy": "norfolk-fast-track", "expectedAttendancePct": 96,
                 "terms": [{"start": "2026-04-13", "end": "2026-05-22"}], "closures": [], "opensOn": %s}
                """.formatted(opensOn)));
    }

    @Test
    void a_school_that_opens_on_the_may_day_bank_holiday_says_so_and_keeps_it_as_a_school_day() throws Exception {
        var valid = (SchoolRequest.Valid) parse("[\"2026-05-04\"]");
        assertThat(valid.school().getOpensOn()).containsExactly(LocalDate.parse("2026-05-04"));
        assertThat(SchoolView.of(valid.school()).opensOn()).containsExactly("2026-05-04");
    }

    @Test
    void opens_on_a_day_that_is_not_a_bank_holiday_is_named_by_its_position() throws Exception {
        var invalid = (SchoolRequest.Invalid) parse("[\"2026-05-04\", \"2026-05-05\"]");
        assertThat(invalid.errors()).containsExactly(
                new FieldError("opensOn[1]", "2026-05-05 is not a bank holiday in England (list only bank holidays the school opens on)"));
    }
}
