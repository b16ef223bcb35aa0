#!/usr/bin/python3
"""Reads an iCalendar file with a real parser (Debian's python3-icalendar) and prints what the
tests compare, one record per line, fields separated by '|':

  calendar|VERSION|PRODID|CALSCALE|METHOD|X-WR-CALNAME|TZID of each VTIMEZONE (comma-separated)
  event|UID|STATUS|DTSTART in UTC|DTEND in UTC|SEQUENCE|SUMMARY|LOCATION|URL|DESCRIPTION

Times are ISO 8601 in UTC ("2026-03-29T00:30:00Z"), resolved through the parser's time zones;
line breaks in texts are printed as "\\n". Exits 1 when the file does not parse or breaks the
content-line rules of RFC 5545 (CRLF line endings, at most 75 octets, no split UTF-8 sequence).
"""
import datetime
import sys

import icalendar


def fail(message):
    print("ics_summary: " + message, file=sys.stderr)
    sys.exit(1)


def check_lines(data):
    if not data.endswith(b"\r\n"):
        fail("the last line does not end with CRLF")
    for number, line in enumerate(data[:-2].split(b"\r\n"), start=1):
        if b"\n" in line or b"\r" in line:
            fail("line %d: a bare CR or LF" % number)
        if len(line) > 75:
            fail("line %d: %d octets" % (number, len(line)))
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            fail("line %d: not valid UTF-8 on its own (a folded character?)" % number)


def utc(component, name):
    value = component.decoded(name)
    if not isinstance(value, datetime.datetime):
        fail("%s is not a date-time" % name)
    if value.tzinfo is None:
        fail("%s is a floating time" % name)
    return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def text(component, name):
    value = component.get(name)
    return "" if value is None else str(value).replace("\n", "\\n")


def main():
    if len(sys.argv) != 2:
        fail("usage: ics_summary.py FILE")
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    check_lines(data)
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except Exception as e:  # the parser's own errors
        fail("does not parse: %s" % e)
    zones = [str(z.get("TZID")) for z in calendar.walk("VTIMEZONE")]
    print("|".join(["calendar", text(calendar, "VERSION"), text(calendar, "PRODID"),
                    text(calendar, "CALSCALE"), text(calendar, "METHOD"),
                    text(calendar, "X-WR-CALNAME"), ",".join(zones)]))
    for event in calendar.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND"):
            if event.get(required) is None:
                fail("an event without %s" % required)
        print("|".join(["event", text(event, "UID"), text(event, "STATUS"),
                        utc(event, "DTSTART"), utc(event, "DTEND"),
                        str(event.decoded("SEQUENCE", 0)), text(event, "SUMMARY"),
                        text(event, "LOCATION"), text(event, "URL"),
                        text(event, "DESCRIPTION")]))


main()
