package io.attendance.app;

import io.attendance.schemas.School;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigFileTest {

    @Test
    void schoolsAreReadFromYaml() throws Exception {
        Path f = write("""
                schools:
                  - urn: "100001"
                    name: Riverside Primary School
                    la: Northshire
                    policy: norfolk-quick-guide
                    expectedAttendancePct: 96
                    terms: [{start: "2025-09-03", end: "2025-10-24"}]
                    closures: ["2025-09-19"]
                """);
        List<School> schools = ConfigFile.schools(f);
        assertThat(schools).hasSize(1);
        assertThat(schools.get(0).getClosures()).containsExactly(LocalDate.parse("2025-09-19"));
    }

    @Test
    void aBadSchoolIsNamedByFileIndexAndField() throws Exception {
        Path f = write("""
                schools:
                  - urn: "100001"
                    name: Riverside Primary School
                    la: Northshire
                    policy: norfolk-quick-guide
                    expectedAttendancePct: 96
                    terms: [{start: "2025-09-03", end: "2025-10-24"}]
                  - urn: "12345"
                    name: Short URN School
                    la: Northshire
                    policy: apws
                    expectedAttendancePct: 95
                    terms: [{start: "2025-09-03", end: "2025-13-01"}]
                """);
        assertThatThrownBy(() -> ConfigFile.schools(f)).hasMessage(
                f + ": schools[1].urn: URN must be six digits\n"
                        + f + ": schools[1].terms[0].end: '2025-13-01' is not a yyyy-mm-dd date");
    }

    private static Path write(String yaml) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "config-test"));
        Path f = Files.createTempFile(dir, "schools", ".yaml");
        Files.writeString(f, yaml);
        return f;
    }
}
