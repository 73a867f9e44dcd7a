package io.attendance.core.codes;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodeTableTest {
    private final CodeTable codes = CodeTable.standard();

    @Test
    void the2024CodesAndTheWithdrawnOnesAreAllListed() {
        assertThat(codes.all().keySet()).contains("/", "\\", "L", "K", "V", "P", "W", "B", "C", "C1", "C2", "M",
                "J1", "S", "T", "R", "I", "E", "G", "N", "O", "U", "D", "X", "Q", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6",
                "Y7", "Z", "#", "H", "J", "Y", "F");
        assertThat(codes.categoryOf("#")).isEqualTo(CodeCategory.ADMINISTRATIVE);
        assertThat(codes.categoryOf("\\")).isEqualTo(CodeCategory.PRESENT);
        assertThat(codes.categoryOf("J")).isEqualTo(CodeCategory.APPROVED_ACTIVITY);
    }

    @Test
    void aWithdrawnCodeIsAcceptedInOlderDataAndRefusedAfterWithdrawal() {
        assertThat(codes.problemWith("H", LocalDate.parse("2024-07-10"))).isEmpty();
        assertThat(codes.problemWith("H", LocalDate.parse("2025-09-10")))
                .contains("code 'H' was withdrawn on 2024-08-19 and cannot be recorded for 2025-09-10");
    }

    @Test
    void anUnknownCodeIsRefused() {
        assertThat(codes.problemWith("A", LocalDate.parse("2025-09-10"))).contains("unknown attendance code 'A'");
    }

    @Test
    void aBadCategoryNamesTheLine() {
        assertThatThrownBy(() -> CodeTable.parse(new StringReader("code,category,description,withdrawn\nA,PRESNT,x,\n"), "my.csv"))
                .hasMessage("my.csv line 2: unknown category 'PRESNT'");
    }
}
