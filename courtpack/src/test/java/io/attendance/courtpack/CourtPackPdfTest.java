package io.attendance.courtpack;

import io.attendance.core.codes.CodeTable;
import io.attendance.core.courtpack.CourtPack;
import io.attendance.core.courtpack.CourtPacks;
import io.attendance.core.courtpack.Recording;
import io.attendance.core.courtpack.RegisterEntry;
import io.attendance.core.policy.Policy;
import io.attendance.core.policy.PolicyRegistry;
import io.attendance.core.testing.DemoCalendars;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.CaseEventType;
import io.attendance.schemas.CaseState;
import io.attendance.schemas.Contact;
import io.attendance.schemas.Letter;
import io.attendance.schemas.LetterStatus;
import io.attendance.schemas.PupilContacts;
import io.attendance.schemas.School;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pack as a PDF: its five parts in order with the figures worked out for them, the letters'
 * own PDFs appended, tagged for screen readers, and the same bytes every time for the same record.
 * A small register worked by hand: Riverside (2025/26 calendar), 3–12 Sep 2025, eight school days.
 */
class CourtPackPdfTest {
    static final String UPN = "B938400125001";
    static final String URN = "100001";
    static final School RIVERSIDE = DemoCalendars.year2025(URN, "Riverside Primary", "norfolk-quick-guide", 96);

    @Test
    void the_pack_prints_its_five_parts_with_the_registers_figures_and_appends_each_letter_as_the_parent_received_it() throws Exception {
        byte[] pdf = CourtPackPdf.write(pack());
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).containsSubsequence("Application to Prosecute — summary", "Register (herringbone)",
                    "Certificate of attendance", "Letters sent", "Timeline", "LETTER ONE BODY");
            // 3–12 Sep: 8 school days, 16 sessions; O on both sessions of Mon 8 Sep, I on Tue 9 Sep AM (amended from O).
            assertThat(text).contains("Sam Taylor, UPN " + UPN, "Claire Taylor (p1)", "12 Mill Lane, Northtown, NR1 2AB",
                    "Sessions the pupil could have attended 16", "Sessions attended 13", "Sessions of authorised absence 1",
                    "Sessions of unauthorised absence 2", "Attendance 81.25%");
            // The herringbone's weeks: 3–5 Sep all present; 8–12 Sep O O on Monday, I* (amended) on Tuesday AM.
            assertThat(text).contains("1 Sept 25 / \\ / \\ / \\ 6 6 0 0 100.00% 100.00%", "8 Sept 25 O O I* \\ / \\ / \\ / \\ 10 7 1 2 70.00% 81.25%");
            assertThat(text).contains("Tue 9 Sept 2025 AM", "O (recorded 9 Sept 2025 10:00)", "I (recorded 11 Sept 2025 16:30)");
            assertThat(text).contains("1. " + "ab".repeat(32));
            assertThat(doc.getDocumentCatalog().getMarkInfo().isMarked()).isTrue();
            assertThat(doc.getDocumentCatalog().getStructureTreeRoot().getKids()).isNotEmpty();
            assertThat(doc.getDocumentCatalog().getLanguage()).isEqualTo("en-GB");
        }
    }

    @Test
    void the_same_record_gives_the_same_bytes_whatever_the_machines_time_zone_and_language() {
        byte[] here = CourtPackPdf.write(pack());
        java.util.TimeZone zone = java.util.TimeZone.getDefault();
        java.util.Locale locale = java.util.Locale.getDefault();
        try {
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Pacific/Auckland"));
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertThat(CourtPackPdf.write(pack())).isEqualTo(here);
        } finally {
            java.util.TimeZone.setDefault(zone);
            java.util.Locale.setDefault(locale);
        }
    }

    @Test
    void the_herringbone_csv_has_a_row_per_session_with_the_original_code_of_an_amended_one() {
        String csv = HerringboneCsv.write(pack());
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).startsWith("upn,urn,date,session,day,code,category,amended_from");
        assertThat(lines).hasSize(1 + 2 * 10); // weeks of 1 and 8 Sep
        assertThat(lines).contains(UPN + "," + URN + ",2025-09-09,AM,school day,I,authorised,O recorded 2025-09-09T09:00:00Z,,,,,,,,");
        // Friday 12 Sep PM closes the second week: 10 possible, 7 attended, 1 authorised, 2 unauthorised; to date 16, 13, 1, 2.
        assertThat(lines.get(20)).isEqualTo(UPN + "," + URN + ",2025-09-12,PM,school day,\\,present,,10,7,1,2,16,13,1,2");
    }

    /** A pack at 12 Sep 2025 (the school's last ended day) of a case at the quick guide's ATP stage. */
    static CourtPack pack() {
        Policy policy = PolicyRegistry.shipped().byId("norfolk-quick-guide").orElseThrow();
        String caseId = UPN + "-" + URN + "-norfolk-fast-track-1";
        List<CaseEvent> history = List.of(
                event(caseId, 1, CaseEventType.OPENED, "2025-09-03", "early-interventions", null, "opened by hand — recorded by officer"),
                event(caseId, 2, CaseEventType.STAGE_CHANGED, "2025-09-12", "atp", null, "review — recorded by officer"),
                event(caseId, 3, CaseEventType.ACTION_RECORDED, "2025-09-12", "atp", "review-meeting", "recorded by officer"));
        CaseState c = CaseState.newBuilder().setCaseId(caseId).setUpn(UPN).setUrn(URN).setFamily(policy.family()).setPolicy(policy.id())
                .setPolicyVersion(policy.version()).setStatus("open").setStage("atp").setStageEnteredOn(LocalDate.parse("2025-09-12"))
                .setOpenedOn(LocalDate.parse("2025-09-03")).setPeriodStart(LocalDate.parse("2025-09-03")).setEventSeq(3)
                .setFields(new HashMap<>()).setHistory(history).setTasks(List.of()).setLetters(List.of()).setDeadlines(List.of()).build();
        List<RegisterEntry> register = new ArrayList<>();
        for (LocalDate d = LocalDate.parse("2025-09-03"); !d.isAfter(LocalDate.parse("2025-09-12")); d = d.plusDays(1)) {
            if (!SchoolCalendar.of(RIVERSIDE).isSchoolDay(d)) continue;
            for (String s : List.of("AM", "PM")) {
                Instant at = Instant.parse(d + (s.equals("AM") ? "T09:00:00Z" : "T13:00:00Z"));
                String code = d.toString().equals("2025-09-08") ? "O" : s.equals("AM") ? "/" : "\\";
                List<Recording> earlier = List.of();
                if (d.toString().equals("2025-09-09") && s.equals("AM")) {
                    earlier = List.of(new Recording("O", at));
                    code = "I";
                    at = Instant.parse("2025-09-11T15:30:00Z");
                }
                register.add(new RegisterEntry(d, s, URN, new Recording(code, at), earlier));
            }
        }
        PupilContacts contacts = PupilContacts.newBuilder().setUpn(UPN).setPupilName("Sam Taylor").setUpdatedBy("test").setParents(List.of(
                Contact.newBuilder().setParentId("p1").setName("Claire Taylor").setRelationship("mother")
                        .setAddressLines(List.of("12 Mill Lane", "Northtown")).setPostcode("NR1 2AB").setEmail(null)
                        .setLivesWithPupil(true).setParentalResponsibility(true).setPreferredChannel("post").build())).build();
        Letter letter = Letter.newBuilder().setLetterId(caseId + ":2:p1").setEventId(caseId + ":2").setCaseId(caseId).setUpn(UPN).setUrn(URN)
                .setPolicy(policy.id()).setLetterRef("Pre-Legal Intervention Warning Letter").setTitle("Pre-Legal Intervention Warning Letter")
                .setParentId("p1").setRecipient("Claire Taylor").setChannel("outbox").setStatus(LetterStatus.SENT)
                .setDated(LocalDate.parse("2025-09-10")).setProducedAt(Instant.parse("2025-09-10T18:00:00Z"))
                .setSentAt(Instant.parse("2025-09-10T18:00:05Z")).setContentHash("ab".repeat(32)).setProviderReference("outbox/0001.pdf")
                .setPdf(ByteBuffer.wrap(onePagePdf("LETTER ONE BODY"))).build();
        return CourtPacks.of(c, policy, RIVERSIDE, SchoolCalendar.of(RIVERSIDE), CodeTable.standard(), contacts, List.of(letter), register,
                LocalDate.parse("2025-09-12"));
    }

    private static CaseEvent event(String caseId, int seq, CaseEventType type, String date, String stage, String action, String detail) {
        Map<String, String> fields = action == null ? Map.of() : Map.of("parentsAttended", "no");
        return CaseEvent.newBuilder().setEventId(caseId + ":" + seq).setCaseId(caseId).setUpn(UPN).setUrn(URN).setPolicy("norfolk-quick-guide")
                .setPolicyVersion(1).setType(type).setDate(LocalDate.parse(date)).setStage(stage).setAction(action).setDetail(detail)
                .setFields(fields).build();
    }

    private static byte[] onePagePdf(String text) {
        try (PDDocument d = new PDDocument()) {
            PDPage page = new PDPage();
            d.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(d, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                cs.newLineAtOffset(72, 700);
                cs.showText(text);
                cs.endText();
            }
            d.setDocumentId(1L);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            d.save(out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
