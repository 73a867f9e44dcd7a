package io.attendance.core.pupil;

import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.codes.CodeCategory;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A pupil's session counts per week. A bucket starts on the week's Monday, or on 1 August when a
 * week straddles the start of the academic year, so year-to-date sums stay exact. Every mark adds
 * +1 to its bucket; an amendment adds -1 for the mark it replaces.
 */
public final class WeekCounters {
    private static final int POSSIBLE = 0, ATTENDED = 1, AUTHORISED = 2, UNAUTHORISED = 3, MARKS = 4, FIELDS = 5;

    private final TreeMap<Integer, int[]> buckets;

    private WeekCounters(TreeMap<Integer, int[]> buckets) {
        this.buckets = buckets;
    }

    public static WeekCounters empty() {
        return new WeekCounters(new TreeMap<>());
    }

    public static LocalDate bucketOf(LocalDate date) {
        LocalDate monday = SchoolCalendar.weekOf(date);
        LocalDate yearStart = SchoolCalendar.academicYearStart(date);
        return monday.isBefore(yearStart) ? yearStart : monday;
    }

    /** Counts one standing mark in ({@code delta} +1) or out (-1). */
    public void add(LocalDate date, CodeCategory category, int delta) {
        int key = (int) bucketOf(date).toEpochDay();
        int[] c = buckets.computeIfAbsent(key, k -> new int[FIELDS]);
        c[MARKS] += delta;
        if (category.possible()) {
            c[POSSIBLE] += delta;
            if (category.attended()) c[ATTENDED] += delta;
            else if (category == CodeCategory.AUTHORISED) c[AUTHORISED] += delta;
            else c[UNAUTHORISED] += delta;
        }
        if (c[MARKS] < 0) throw new IllegalStateException("more marks retracted than recorded in a week");
        if (c[MARKS] == 0) buckets.remove(key);
    }

    /** Whether a mark is counted in a bucket that starts before {@code date}. */
    public boolean hasMarksBefore(LocalDate date) {
        return !buckets.isEmpty() && buckets.firstKey() < date.toEpochDay();
    }

    public boolean isEmpty() {
        return buckets.isEmpty();
    }

    public SessionCounts yearToDate(LocalDate asOf) {
        int from = (int) SchoolCalendar.academicYearStart(asOf).toEpochDay();
        return sum(buckets.subMap(from, true, (int) asOf.toEpochDay(), true));
    }

    /** The last {@code n} school weeks of the calendar, ending with the week of {@code asOf}. */
    public SessionCounts rolling(SchoolCalendar calendar, LocalDate asOf, int n) {
        List<LocalDate> weeks = calendar.schoolWeeksEndingWith(asOf, n); // newest first
        int[] mondays = new int[weeks.size()];
        for (int i = 0; i < mondays.length; i++) mondays[i] = (int) weeks.get(mondays.length - 1 - i).toEpochDay();
        int[] t = new int[FIELDS];
        if (mondays.length == 0) return SessionCounts.ZERO;
        // only buckets from the earliest window week on can be in it: a bucket is a week, or its part after 1 August
        for (Map.Entry<Integer, int[]> e : buckets.subMap(mondays[0], true, (int) asOf.toEpochDay(), true).entrySet()) {
            if (java.util.Arrays.binarySearch(mondays, mondayOf(e.getKey())) < 0) continue;
            for (int i = 0; i < FIELDS; i++) t[i] += e.getValue()[i];
        }
        return new SessionCounts(t[POSSIBLE], t[ATTENDED], t[AUTHORISED], t[UNAUTHORISED]);
    }

    /** The Monday of an epoch day's week (1 January 1970, epoch day 0, was a Thursday). */
    private static int mondayOf(int epochDay) {
        return epochDay - Math.floorMod(epochDay + 3, 7);
    }

    /**
     * Every mark dated from {@code from} (a bucket start: a Monday, or 1 August) up to but not
     * including {@code until} (also a bucket start): whole buckets only, so the sum is exact for
     * those dates whatever later marks the counters already hold.
     */
    public SessionCounts wholeBuckets(LocalDate from, LocalDate until) {
        if (!until.isAfter(from)) return SessionCounts.ZERO;
        return sum(buckets.subMap((int) from.toEpochDay(), true, (int) until.toEpochDay(), false));
    }

    /** The first bucket start after {@code date}: the next Monday, or 1 August if that comes first. */
    public static LocalDate nextBucketStart(LocalDate date) {
        LocalDate monday = SchoolCalendar.weekOf(date).plusWeeks(1);
        LocalDate august = SchoolCalendar.academicYearStart(date).plusYears(1);
        return august.isBefore(monday) ? august : monday;
    }

    /** Drops weeks before the previous academic year: no window or YTD figure reaches them. */
    public void prune(LocalDate asOf) {
        buckets.headMap((int) SchoolCalendar.academicYearStart(asOf).minusYears(1).toEpochDay()).clear();
    }

    private static SessionCounts sum(Map<Integer, int[]> part) {
        int[] t = new int[FIELDS];
        for (int[] c : part.values()) for (int i = 0; i < FIELDS; i++) t[i] += c[i];
        return new SessionCounts(t[POSSIBLE], t[ATTENDED], t[AUTHORISED], t[UNAUTHORISED]);
    }

    public ByteBuffer encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 + buckets.size() * 8);
        varint(out, buckets.size());
        int previous = 0;
        for (Map.Entry<Integer, int[]> e : buckets.entrySet()) {
            varint(out, e.getKey() - previous);
            previous = e.getKey();
            for (int v : e.getValue()) varint(out, v);
        }
        return ByteBuffer.wrap(out.toByteArray());
    }

    public static WeekCounters decode(ByteBuffer packed) {
        ByteBuffer in = packed.duplicate();
        TreeMap<Integer, int[]> buckets = new TreeMap<>();
        int n = varint(in);
        int key = 0;
        for (int i = 0; i < n; i++) {
            key += varint(in);
            int[] c = new int[FIELDS];
            for (int f = 0; f < FIELDS; f++) c[f] = varint(in);
            buckets.put(key, c);
        }
        return new WeekCounters(buckets);
    }

    private static void varint(ByteArrayOutputStream out, int v) {
        if (v < 0) throw new IllegalArgumentException("negative count");
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    private static int varint(ByteBuffer in) {
        int v = 0, shift = 0;
        byte b;
        do {
            b = in.get();
            v |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return v;
    }
}
