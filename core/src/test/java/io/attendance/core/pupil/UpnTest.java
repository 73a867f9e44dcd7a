package io.attendance.core.pupil;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UpnTest {
    // Worked by hand: digits 801200125001 weighted 2..13 sum to 119; 119 mod 23 = 4 → 'E'.
    @Test
    void checkLetterIsTheWeightedSumMod23() {
        assertThat(Upn.problemWith("E801200125001")).isEmpty();
        assertThat(Upn.problemWith("A801200125001")).contains("UPN check letter does not match the other 12 characters");
    }

    // Temporary UPN: last character 'A' counts as 0, sum 106, 106 mod 23 = 14 → 'Q'.
    @Test
    void temporaryUpnEndingInALetterCountsTheLetterByItsIndex() {
        assertThat(Upn.problemWith("Q80120012500A")).isEmpty();
    }

    @Test
    void wrongLengthAndNonDigitsAreNamed() {
        assertThat(Upn.problemWith("E80120012500")).contains("UPN must be 13 characters, got 12");
        assertThat(Upn.problemWith("E80120X125001")).contains("UPN character 7 must be a digit");
        assertThat(Upn.problemWith("")).contains("UPN is missing");
    }

    @Test
    void a_upn_with_full_width_digits_is_refused() {
        String valid = Upn.of(938, 4001, 25, 301);
        StringBuilder wide = new StringBuilder(valid.substring(0, 1));
        for (char c : valid.substring(1).toCharArray()) wide.append((char) (c - '0' + '\uFF10'));
        org.assertj.core.api.Assertions.assertThat(Upn.problemWith(wide.toString())).contains("UPN character 2 must be a digit");
    }
}
