"""A labelled evaluation set for the privacy check: true identifiers and look-alikes.

Every identifier here is made up: phone numbers come from Ofcom's ranges for
drama, NHS numbers were generated to pass (or fail) the check digit, names are
invented. Each case is a text and the identifiers a careful reader would flag
in it, as (kind, exact text). Look-alikes expect nothing.

``evaluate()`` scores the checker: a finding counts as correct when it has the
expected kind and exact text; recall = found / expected, precision = correct /
flagged. tests/minutes/test_minutes_privacy.py asserts the targets;
tests/benchmarks/privacy_eval.py prints the figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from reflect_tui.minutes.privacy import Kind, check_privacy

E, P, NHS, NI, PC, DOB, NAME, REF, ADDR = (
    Kind.EMAIL, Kind.PHONE, Kind.NHS_NUMBER, Kind.NI_NUMBER, Kind.POSTCODE,
    Kind.DATE_OF_BIRTH, Kind.NAME, Kind.REFERENCE, Kind.ADDRESS,
)  # fmt: skip

DO_NOT_SHARE = ["Jayden Smith", "Kerry-Ann O'Brien", "Zofia Nowak"]
KNOWN_PEOPLE = ["Priya Patel", "Tom Reed", "Ann Lee", "Marek Kowalski"]
ATTENDEES = ["Ann Lee", "Tom Reed"]

Case = tuple[str, list[tuple[Kind, str]]]

POSITIVES: list[Case] = [
    # e-mail
    ("Send it to j.bloggs@example.org please.", [(E, "j.bloggs@example.org")]),
    ("Contact: case.worker+visits@probation.example.gov.uk", [
        (E, "case.worker+visits@probation.example.gov.uk")]),
    ("CC FIRST_LAST@Example.CO.UK and a.b@c.io", [
        (E, "FIRST_LAST@Example.CO.UK"), (E, "a.b@c.io")]),
    ("(email: sam-o@mail.example.net)", [(E, "sam-o@mail.example.net")]),
    # phones: national formats
    ("Mobile 07700 900123 after 5pm", [(P, "07700 900123")]),
    ("Ring 07700900456.", [(P, "07700900456")]),
    ("mob: 07700-900-789", [(P, "07700-900-789")]),
    ("Office (020) 7946 0018", [(P, "(020) 7946 0018")]),
    ("London line 020 7946 0991, ext 4", [(P, "020 7946 0991")]),
    ("Manchester 0161 496 0000", [(P, "0161 496 0000")]),
    ("Leeds 0113 496 0123 or 0113 4960124", [(P, "0113 496 0123"), (P, "0113 4960124")]),
    ("Rural number 01632 960001", [(P, "01632 960001")]),
    ("Freephone 0808 157 0192", [(P, "0808 157 0192")]),
    ("Call 0300 123 4567 for the team", [(P, "0300 123 4567")]),
    ("phone 07700 900 222", [(P, "07700 900 222")]),
    ("tel.07700 900333", [(P, "07700 900333")]),
    ("Ph:07700900444/home", [(P, "07700900444")]),
    # phones: +44
    ("Call +44 7700 900123 if late", [(P, "+44 7700 900123")]),
    ("Tel +447700900987", [(P, "+447700900987")]),
    ("Office +44 (0)20 7946 0123", [(P, "+44 (0)20 7946 0123")]),
    ("From abroad 0044 161 496 0555", [(P, "0044 161 496 0555")]),
    ("+44-113-496-0777 is the duty line", [(P, "+44-113-496-0777")]),
    # NHS numbers with a valid check digit
    ("NHS no. 943 476 5919", [(NHS, "943 476 5919")]),
    ("NHS number 9458073022 on the letter", [(NHS, "9458073022")]),
    ("Patient 157-368-1938 seen", [(NHS, "157-368-1938")]),
    ("ref 997 220 0337.", [(NHS, "997 220 0337")]),
    ("5499095140", [(NHS, "5499095140")]),
    ("Her number is 547 527 7206", [(NHS, "547 527 7206")]),
    # National Insurance numbers
    ("NI number AB 12 34 56 C", [(NI, "AB 12 34 56 C")]),
    ("NINO: JG103759A", [(NI, "JG103759A")]),
    ("ni sn123456b on file", [(NI, "sn123456b")]),
    ("National Insurance: CE 10 37 59 D.", [(NI, "CE 10 37 59 D")]),
    ("NI: PR 12 34 56", [(NI, "PR 12 34 56")]),
    # postcodes
    ("Lives near SW1A 1AA", [(PC, "SW1A 1AA")]),
    ("Address: 1 High St, Manchester M1 1AE", [(PC, "M1 1AE"), (ADDR, "1 High St")]),
    ("b33 8th is the postcode", [(PC, "b33 8th")]),
    ("CR2 6XH, DN55 1PT and EC1A 1BB", [(PC, "CR2 6XH"), (PC, "DN55 1PT"), (PC, "EC1A 1BB")]),
    ("Flat 2, LS1 4DY.", [(PC, "LS1 4DY"), (ADDR, "Flat 2")]),
    ("postcode W1A0AX", [(PC, "W1A0AX")]),
    ("Belfast BT1 5GS", [(PC, "BT1 5GS")]),
    ("near G2 3AB (Glasgow)", [(PC, "G2 3AB")]),
    # dates of birth
    ("DOB: 03/04/1985", [(DOB, "03/04/1985")]),
    ("born 12 March 1979 in Leeds", [(DOB, "12 March 1979")]),
    ("date of birth 1985-04-03", [(DOB, "1985-04-03")]),
    ("D.O.B. 3.4.85", [(DOB, "3.4.85")]),
    ("His birthday is 14th February 1990", [(DOB, "14th February 1990")]),
    ("dob 7-11-2001, lives alone", [(DOB, "7-11-2001")]),
    ("Born on April 3, 1985", [(DOB, "April 3, 1985")]),
    ("21/06/1992 (DOB)", [(DOB, "21/06/1992")]),
    ("DOB 3rd Jan 85", [(DOB, "3rd Jan 85")]),
    ("born: Sept. 9, 1988", [(DOB, "Sept. 9, 1988")]),
    # names
    ("Jayden Smith was at the address", [(NAME, "Jayden Smith")]),
    ("spoke to jayden  smith's mother", [(NAME, "jayden  smith")]),
    ("Kerry-Ann O'Brien phoned", [(NAME, "Kerry-Ann O'Brien")]),
    ("Zofia Nowak and Priya Patel", [(NAME, "Zofia Nowak"), (NAME, "Priya Patel")]),
    ("Marek Kowalski covered the visit", [(NAME, "Marek Kowalski")]),
    # several in one text
    ("Jayden Smith, DOB 01/02/2003, 07700 900111, M1 1AE", [
        (NAME, "Jayden Smith"), (DOB, "01/02/2003"), (P, "07700 900111"), (PC, "M1 1AE")]),
    ("Email z.nowak@example.com or call +44 20 7946 0555", [
        (E, "z.nowak@example.com"), (P, "+44 20 7946 0555")]),
]  # fmt: skip

LOOK_ALIKES: list[Case] = [
    # NHS-like numbers with a wrong check digit (or a check digit of 10)
    ("NHS number 943 476 5918", []),
    ("ref 640 562 2410", [(REF, "640 562 2410")]),  # a bad NHS check digit, still a ref
    ("7585847190", []),
    ("540 613 5892", []),
    ("Order 5254814546 shipped", []),
    ("id 212-472-0191", []),
    # numbers that look like phones but are not UK numbers
    ("Case ref 0123 4567 8901 23", [(REF, "0123 4567 8901 23")]),  # not an NHS number
    ("07700 9001 is too short", []),
    ("the reading was 0.07700900123", []),
    ("account 012345678901234", []),
    ("£07,700,900", []),
    ("Meeting 2026-11-20 at 14:30", []),
    ("Between 0900 and 1730 every day", []),
    ("Version 1.0.2 build 20261120", []),
    ("INV-07700900123", []),
    ("04 1234 5678 is not a UK number", []),
    ("score 0 7 7 0 0 9 0 0 1 2 3", []),
    # postcode-like capitals and words
    ("The NHS UK guidance says", []),
    ("ABC 123 and XYZ 789", []),
    ("COVID 19 restrictions", []),
    ("Print on A4 paper", []),
    ("Traffic on the M25 again", []),
    ("ISO 9001 audit", []),
    ("Q3 2026 figures", []),
    ("B12 vitamin levels", []),
    ("Meet in room a1 on the 2nd floor", []),
    ("Office on the b1 2nd floor", []),
    ("PPE, DBS and MAPPA checks", []),
    ("Kit list: AA batteries, 9V", []),
    # NI-like
    ("QQ123456C is the example format", []),
    ("GB123456A", []),
    ("AB12345C", []),
    ("DF 12 34 56 A", []),
    ("TN 12 34 56 A", []),
    # dates that are not dates of birth
    ("Next review on 03/04/2027", []),
    ("Visit booked for 12 March 2027", []),
    ("Incident on 2026-11-01, reported the same day", []),
    ("Action due 1st December 2026", []),
    ("She was born in Leeds and moved in 2019", []),
    ("The service was born out of a merger on 1 April 2020", []),
    # e-mail-like
    ("user at example dot org", []),
    ("follow @team_lead on the intranet", []),
    ("root@localhost", []),
    ("price@ 5 each", []),
    # names: attendees, and words that contain a name
    ("Ann Lee and Tom Reed led the session", []),
    ("The Smithsons and Jaydens were fine", []),
    ("Patel's Pharmacy on the corner", []),
]  # fmt: skip


@dataclass(frozen=True)
class Scores:
    expected: int
    flagged: int
    correct: int
    by_kind: dict[str, tuple[int, int]]  # kind -> (found, expected)
    misses: list[tuple[str, str]]
    false_alarms: list[tuple[str, str]]

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.flagged if self.flagged else 1.0

    def report(self) -> str:
        lines = [
            f"privacy check on {len(POSITIVES)} texts with identifiers "
            f"and {len(LOOK_ALIKES)} look-alikes",
            f"  expected {self.expected}, flagged {self.flagged}, correct {self.correct}",
            f"  recall    {self.recall:.1%}",
            f"  precision {self.precision:.1%}",
        ]
        for kind, (found, total) in sorted(self.by_kind.items()):
            lines.append(f"  {kind:<28} {found}/{total}")
        lines += [f"  missed: {k} {t!r}" for k, t in self.misses]
        lines += [f"  false alarm: {k} {t!r}" for k, t in self.false_alarms]
        return "\n".join(lines)


def evaluate() -> Scores:
    expected = flagged = correct = 0
    by_kind: dict[str, list[int]] = {}
    misses: list[tuple[str, str]] = []
    false_alarms: list[tuple[str, str]] = []
    for text, wanted in POSITIVES + LOOK_ALIKES:
        found = {
            (f.kind, f.text)
            for f in check_privacy(
                text, do_not_share=DO_NOT_SHARE, known_people=KNOWN_PEOPLE, attendees=ATTENDEES
            )
        }
        want = set(wanted)
        expected += len(want)
        flagged += len(found)
        correct += len(found & want)
        for kind, item in want:
            tally = by_kind.setdefault(str(kind), [0, 0])
            tally[1] += 1
            if (kind, item) in found:
                tally[0] += 1
            else:
                misses.append((str(kind), item))
        false_alarms += [(str(k), t) for k, t in found - want]
    return Scores(
        expected,
        flagged,
        correct,
        {k: (v[0], v[1]) for k, v in by_kind.items()},
        misses,
        false_alarms,
    )
