package io.attendance.api.marks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.Session;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.codes.CodeTable;
import io.attendance.core.testing.DemoCalendars;
import io.attendance.core.marks.MarkRules;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class MarkIngestTest {
    private static final Instant NOW = Instant.parse("2025-09-08T09:15:00Z");
    private final SchoolCalendar riverside = SchoolCalendar.of(DemoCalendars.riverside());
    private final MarkIngest ingest = new MarkIngest(new MarkRules(CodeTable.standard()),
            urn -> urn.equals(DemoCalendars.RIVERSIDE) ? riverside : null, new ObjectMapper());

    @Test
    void aCsvWithoutTheRequiredHeaderIsRefusedAsAWhole() {
        IngestResult r = ingest.fromCsv("pupil,school,day,session,code\nE801200125001,100001,2025-09-08,AM,/\n", NOW, "csv");
        assertThat(r.accepted()).isEmpty();
        assertThat(r.rejected()).containsExactly(new RowError(0, "header",
                "CSV header must be upn,urn,date,session,code (missing 'upn')"));
    }

    @Test
    void aJsonBodyThatIsNotAnArrayIsRefusedAsAWhole() {
        assertThat(ingest.fromJson("{\"upn\": \"E801200125001\"}", NOW, "api").rejected())
                .containsExactly(new RowError(0, "body", "expected a JSON array of marks"));
    }

    @Test
    void everyProblemOfARowIsNamedAndTheGoodRowsAreKept() {
        IngestResult r = ingest.fromJson("""
                [{"upn": "E801200125001", "urn": "100001", "date": "2025-09-08", "session": "am", "code": "/"},
                 {"upn": "E801200125001", "urn": "100001", "date": "08/09/2025", "session": "EVE", "code": "H"},
                 "not an object",
                 {"upn": "E801200125001", "urn": "100001", "date": "2025-10-29", "session": "PM", "code": "H"}]
                """, NOW, "api");
        assertThat(r.accepted()).containsExactly(new RegisterMark("E801200125001", "100001",
                LocalDate.parse("2025-09-08"), Session.AM, "/", NOW, "api"));
        assertThat(r.rejected()).containsExactly(
                new RowError(2, "date", "date must be an ISO date yyyy-mm-dd"),
                new RowError(2, "session", "session must be AM or PM"),
                new RowError(3, "row", "expected an object with upn, urn, date, session, code"),
                new RowError(4, "code", "code 'H' was withdrawn on 2024-08-19 and cannot be recorded for 2025-10-29"),
                new RowError(4, "date", "2025-10-29 is not a school day of school 100001 (a day closed after its registers takes only a code for a session that was not possible, e.g. Y4 or #)"));
    }

    @Test
    void a_mark_recorded_in_the_future_or_in_an_absurd_year_is_a_row_error_and_the_good_rows_stand() {
        IngestResult r = ingest.fromJson("""
                [{"upn": "E801200125001", "urn": "100001", "date": "2025-09-08", "session": "AM", "code": "/", "recordedAt": "2025-09-08T08:50:00Z"},
                 {"upn": "E801200125001", "urn": "100001", "date": "2025-09-08", "session": "PM", "code": "/", "recordedAt": "2025-09-08T09:21:00Z"},
                 {"upn": "E801200125001", "urn": "100001", "date": "2025-09-08", "session": "PM", "code": "/", "recordedAt": "+99999-01-01T00:00:00Z"},
                 {"upn": "E801200125001", "urn": "100001", "date": "2025-09-08", "session": "PM", "code": "/", "recordedAt": "1970-01-01T00:00:00Z"},
                 {"upn": "E801200125001", "urn": "100001", "date": "2025-09-08", "session": "PM", "code": "/", "recordedAt": "2025-09-08T09:19:59Z"}]
                """, NOW, "api");
        // NOW is 09:15:00: up to 09:20:00 is clock skew, 09:21 is the future.
        assertThat(r.acceptedRows()).containsExactly(1, 5);
        assertThat(r.rejected()).extracting(RowError::row, RowError::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "recordedAt"), org.assertj.core.groups.Tuple.tuple(3, "recordedAt"),
                org.assertj.core.groups.Tuple.tuple(4, "recordedAt"));
        assertThat(r.rejected().get(0).error()).contains("more than 5 minutes ahead");
    }

    @Test
    void a_csv_saved_by_a_spreadsheet_with_a_byte_order_mark_is_read() {
        IngestResult r = ingest.fromCsv("\uFEFFupn,urn,date,session,code\nE801200125001,100001,2025-09-08,AM,/\n", NOW, "csv");
        assertThat(r.rejected()).isEmpty();
        assertThat(r.acceptedRows()).containsExactly(1);
    }

    @Test
    void a_json_syntax_error_names_where_it_is_not_the_parsers_internals() {
        assertThat(ingest.fromJson("[{\"upn\": x}]", NOW, "api").rejected())
                .containsExactly(new RowError(0, "body", "not valid JSON at line 1, column 10"));
    }
}
