package io.attendance.app.demo;

import io.attendance.core.pupil.Upn;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoLaTest {
    @Test
    void a_200000_pupil_demo_la_has_200000_different_valid_upns() {
        DemoLa la = DemoLa.scaled(100, LocalDate.parse("2025-09-05"));
        Set<String> seen = new HashSet<>();
        for (DemoLa.DemoSchool s : la.demoSchools()) {
            List<String> upns = la.upns(s);
            for (String upn : upns) assertTrue(Upn.isValid(upn), upn);
            seen.addAll(upns);
        }
        // 420 + 1,100 + 280 + 200 pupils a school, times 100: Hilltop's 110,000 pass the 100,000 one number allows
        assertEquals(200_000, seen.size());
    }
}
