"""A second labelled set: realistic social-care, probation and health sentences, written for
this project, checked with a store whose name lists are EMPTY (a new store) unless a case says
otherwise. Every person, number and address in it is invented.

Each case: text, expected (kind, exact text) findings. Look-alikes expect nothing: times, money,
scores, versions, room numbers, team names, sentence-initial words, colleagues in the room.
``evaluate_corpus()`` scores it the same way as ``minutes_privacy_cases.evaluate``.
"""

from __future__ import annotations

from minutes_privacy_cases import Scores

from reflect_tui.minutes.privacy import Kind, check_privacy

NAME, REF, ADDR, DOB, NHS, NI, PC, P, E = (
    Kind.NAME, Kind.REFERENCE, Kind.ADDRESS, Kind.DATE_OF_BIRTH, Kind.NHS_NUMBER,
    Kind.NI_NUMBER, Kind.POSTCODE, Kind.PHONE, Kind.EMAIL,
)  # fmt: skip

Case = tuple[str, list[tuple[Kind, str]]]
# (text, expected, do-not-share list, attendees)
Full = tuple[str, list[tuple[Kind, str]], list[str], list[str]]

NAMES: list[Case] = [
    ("Visited Mrs Okafor at home; she was calm.", [(NAME, "Mrs Okafor")]),
    ("Spoke with Mr D. Achterberg about the licence conditions.", [(NAME, "Mr D. Achterberg")]),
    ("PC Hollis attended with the duty worker.", [(NAME, "PC Hollis")]),
    ("DC Farrow will call back about the disclosure.", [(NAME, "DC Farrow")]),
    ("The referral came from Dr Shah at the surgery.", [(NAME, "Dr Shah")]),
    ("Ms Brennan-Tate declined the offer of respite.", [(NAME, "Ms Brennan-Tate")]),
    ("We met Liam at the contact centre.", [(NAME, "Liam")]),
    ("His sister Chloe Wainwright has parental responsibility.", [(NAME, "Chloe Wainwright")]),
    ("The worker said that Tyler had missed school again.", [(NAME, "Tyler")]),
    ("After the visit, Amelia Kowalczyk phoned the office.", [(NAME, "Amelia Kowalczyk")]),
    ("Grace Obi was upset by the letter.", [(NAME, "Grace Obi")]),
    ("Concerns raised by Miss Pettigrew about the flat.", [(NAME, "Miss Pettigrew")]),
    ("Mohammed's mum asked for a Polish interpreter.", [(NAME, "Mohammed")]),
    ("Visit to see Kayleigh and her baby.", [(NAME, "Kayleigh")]),
    ("Sgt Marsden confirmed the bail address.", [(NAME, "Sgt Marsden")]),
    ("The carer, Deborah Quinn, was present throughout.", [(NAME, "Deborah Quinn")]),
    ("I asked whether Reuben Castellano had any contact.", [(NAME, "Reuben Castellano")]),
    ("Cllr Ashworth raised the case at the ward meeting.", [(NAME, "Cllr Ashworth")]),
    ("Nathan said he felt unsafe on the estate.", [(NAME, "Nathan")]),
    ("We agreed that Jessica would stay with her aunt.", [(NAME, "Jessica")]),
]

REFERENCES: list[Case] = [
    ("Case ref CR-2024-00871 was reopened.", [(REF, "CR-2024-00871")]),
    ("CRN X482913 is on licence until spring.", [(REF, "X482913")]),
    ("Mosaic ID 8823411 needs updating.", [(REF, "8823411")]),
    ("PNC 19/482716K shows the earlier caution.", [(REF, "19/482716K")]),
    ("Referral number: 55120394 from the hospital.", [(REF, "55120394")]),
    ("See case no. 4471-B for the chronology.", [(REF, "4471-B")]),
    ("Court ref T20247781 listed for trial.", [(REF, "T20247781")]),
    ("Prison number A1234BC at HMP Leeds.", [(REF, "A1234BC")]),
]

ADDRESSES: list[Case] = [
    ("Home visit at 14 Orchard Close on Tuesday.", [(ADDR, "14 Orchard Close")]),
    ("She now lives at 7b Peel Street with her partner.", [(ADDR, "7b Peel Street")]),
    ("Flat 12, Jubilee House is damp and cold.", [(ADDR, "Flat 12, Jubilee House")]),
    ("The family moved to 221 Marsh Lane last month.", [(ADDR, "221 Marsh Lane")]),
    ("Contact at 3 St Anne's Road was cancelled.", [(ADDR, "3 St Anne's Road")]),
    ("Meet outside 48 Hawthorn Avenue at ten.", [(ADDR, "48 Hawthorn Avenue")]),
    ("Keys held by the neighbour at flat 4.", [(ADDR, "flat 4")]),
]

DATES_OF_BIRTH: list[Case] = [
    ("Jaxon (12/03/2015) attends the primary school.", [(NAME, "Jaxon"), (DOB, "12/03/2015")]),
    ("The youngest (b. 04/11/2019) is with her nan.", [(DOB, "04/11/2019")]),
    ("Her son (DOB 3 May 2010) has an EHCP.", [(DOB, "3 May 2010")]),
    ("Date of birth 21.06.1988 on the referral.", [(DOB, "21.06.1988")]),
    ("Born 2 February 2001, so now an adult.", [(DOB, "2 February 2001")]),
]

NUMBERS: list[Case] = [
    ("NHS number 943 476 5919 on the discharge letter.", [(NHS, "943 476 5919")]),
    ("NI QQ 12 34 56 C is wrong, use AB 12 34 56 C.", [(NI, "AB 12 34 56 C")]),
    ("Call her on 07700 900461 after four.", [(P, "07700 900461")]),
    ("Email the school at office@example-primary.sch.uk today.", [
        (E, "office@example-primary.sch.uk")]),
    ("New address: 9 Fern Road, Leeds LS6 2QT.", [(ADDR, "9 Fern Road"), (PC, "LS6 2QT")]),
]  # fmt: skip

LOOK_ALIKES: list[Case] = [
    ("The meeting starts at 10:30 and ends at 12.", []),
    ("Travel costs came to £42.50 for the week.", []),
    ("Her wellbeing score went from 3 to 4 out of 5.", []),
    ("The app was updated to version 2.4.1 last week.", []),
    ("We met in room B2.14 on the second floor.", []),
    ("Youth Justice Team and Social Services met on Monday.", []),
    ("Team Manager sign-off is needed before the Child Protection Conference.", []),
    ("Risk Assessment reviewed; Lone Working policy followed.", []),
    ("The Multi Agency Public Protection meeting is in March.", []),
    ("Universal Credit was paid late again.", []),
    ("May we move the review to Friday?", []),
    ("Will the duty worker ring back?", []),
    ("Grace period of 28 days applies to the rent arrears.", []),
    ("Mark the case as closed when the letter goes.", []),
    ("The team reflected on 3 visits in 2 weeks.", []),
    ("Around 15 to 20 families use the food bank.", []),
    ("Q2 figures showed 12 referrals and 4 reviews.", []),
    ("Level 3 safeguarding training is due in June.", []),
    ("The MARAC threshold was met after the third incident.", []),
    ("CAMHS waiting time is 18 weeks.", []),
    ("Use form SG1 for a safeguarding alert.", []),
    ("The A&E visit was on a Saturday night.", []),
    ("Section 47 enquiries began on Thursday.", []),
    ("Ann Lee and Tom Reed agreed the plan.", []),  # the attendees
    ("Tom will follow up with the GP.", []),  # an attendee's first name
    ("Eid celebrations meant the family was away.", []),
    ("Take the 42 bus from the station.", []),
    ("Score 24 of 25 on the risk matrix: extreme.", []),
    ("Rent is £95 a week plus £12 service charge.", []),
    ("Between 9am and 5pm the line is staffed.", []),
    ("Monday's session was moved to Wednesday.", []),
    ("Court of Protection papers are with Legal.", []),
    ("The Early Help offer was accepted.", []),
    ("She scored 7 on the GAD-7 questionnaire.", []),
    ("Supervision notes are kept for 6 years.", []),
]

# Written after the checker was tuned on the sets above. The first batch was never tuned
# on; the second showed two general gaps (names from the UK's larger communities, a name
# after a colon, hyphenated first names), which were fixed. HELD_OUT is the honest estimate.
FRESH: list[Case] = [
    ("Mr and Mrs Haldane were both at the meeting.", [(NAME, "Mrs Haldane")]),
    ("Spoke to Bethany's foster carer about contact.", [(NAME, "Bethany")]),
    ("Referral from PCSO Dunmore about anti-social behaviour.", [(NAME, "PCSO Dunmore")]),
    ("The probation officer, Ian Whitlock, will attend.", [(NAME, "Ian Whitlock")]),
    ("Lives at 32 Brook Terrace with two lodgers.", [(ADDR, "32 Brook Terrace")]),
    ("Caseload entry CRN K771204 updated today.", [(REF, "K771204")]),
    ("Olivia (07/09/2012) has started secondary school.", [(NAME, "Olivia"), (DOB, "07/09/2012")]),
    ("Her partner Darren Hughes was not in.", [(NAME, "Darren Hughes")]),
    ("Call Sophie on 07700 900872 before the visit.", [(NAME, "Sophie"), (P, "07700 900872")]),
    ("Nurse Adeyemi changed the dressing.", [(NAME, "Nurse Adeyemi")]),
    ("Moved from Flat 3, Kestrel Court last week.", [(ADDR, "Flat 3, Kestrel Court")]),
    ("File ref HX-2291 has the chronology.", [(REF, "HX-2291")]),
    ("We checked in with Patrick after court.", [(NAME, "Patrick")]),
    ("DOB: 15/01/1999, NI number AB123456C.", [(DOB, "15/01/1999"), (NI, "AB123456C")]),
    ("Kieran Doyle's mother rang twice.", [(NAME, "Kieran Doyle")]),
    ("The team discussed 4 cases and 2 complaints.", []),
    ("Training on Tuesday 3 March at 2pm.", []),
    ("Budget of £1,200 agreed for the quarter.", []),
    ("Version 3 of the safety plan was shared.", []),
    ("Room 4 at the Civic Centre is booked.", []),
    ("The Housing Options Team will call back.", []),
    ("Next Steps were agreed by everyone.", []),
    ("Rating 2 out of 5 for workload this month.", []),
    ("Hope is what kept the family going.", []),
    ("Ann Lee chaired; Tom took notes.", []),
    # a second batch, written the same way, also never tuned on
    ("Priya from the school rang about attendance.", [(NAME, "Priya")]),
    ("Okafor said the landlord had been round.", [(NAME, "Okafor")]),
    ("Her brother Callum lives in the next street.", [(NAME, "Callum")]),
    ("Address given as 5 Mill Lane, near the park.", [(ADDR, "5 Mill Lane")]),
    ("Child's NHS number is 401 023 2137.", [(NHS, "401 023 2137")]),
    ("Worker: Alex; young person: Tyrese Campbell.", [(NAME, "Tyrese Campbell")]),
    ("Ref: 2024/118734 on the system.", [(REF, "2024/118734")]),
    ("Mr Bashir's daughter translated for him.", [(NAME, "Mr Bashir")]),
    ("We saw Ellie-May and her dad.", [(NAME, "Ellie-May")]),
    ("The twins (born 8 Jan 2017) were at nursery.", [(DOB, "8 Jan 2017")]),
    ("Supervision covered workload and two complaints.", []),
    ("Friday's panel agreed the plan.", []),
    ("Staff wellbeing score averaged 3.5.", []),
    ("Phone the Duty Desk on the usual number.", []),
    ("Sessions are 90 minutes, every 3 months.", []),
]

# Written last, after every change to the checker, and measured once as it stood.
HELD_OUT: list[Case] = [
    ("Visit to Mrs Kaur went well; the grandson interpreted.", [(NAME, "Mrs Kaur")]),
    ("Shannon was tearful talking about her mum.", [(NAME, "Shannon")]),
    ("Spoke with DS Rahman regarding the bail conditions.", [(NAME, "DS Rahman")]),
    ("Placement at 27 Willow Grove has broken down.", [(ADDR, "27 Willow Grove")]),
    ("Case number 2023-4471 was closed in error.", [(REF, "2023-4471")]),
    ("Ibrahim and his caseworker met at the library.", [(NAME, "Ibrahim")]),
    ("Concerns about Leon Marsh's drinking were raised.", [(NAME, "Leon Marsh")]),
    ("Her GP is Dr Eleanor Vance at the health centre.", [(NAME, "Dr Eleanor Vance")]),
    ("Mother's mobile is 07700 900318.", [(P, "07700 900318")]),
    ("The child (DOB 22/05/2016) was not in school.", [(DOB, "22/05/2016")]),
    ("Attended: Jo, the team manager, and Fatima Begum.", [(NAME, "Fatima Begum")]),
    ("Flat 9, Cedar Court has no working heating.", [(ADDR, "Flat 9, Cedar Court")]),
    ("The panel met on Wednesday at 2pm in Room 3.", []),
    ("Caseloads averaged 18, up from 15 last quarter.", []),
    ("Key learning: plan the exit route before the visit.", []),
    ("Bristol Youth Offending Service sent the report.", []),
    ("Team Around the Family meeting set for June.", []),
    ("Reading age assessed at 9 years.", []),
    ("The Mental Health Act assessment was postponed.", []),
    ("Workload rated 4 of 5; two sick days this month.", []),
]

ATTENDEES = ["Ann Lee", "Tom Reed"]

WITH_LISTS: list[Full] = [
    ("J. Smith's tenancy ends in May.", [(NAME, "J. Smith")], ["Jayden Smith"], []),
    ("JAYDEN SMITH did not attend.", [(NAME, "JAYDEN SMITH")], ["Jayden Smith"], []),
    ("Smith's mother was at the door.", [(NAME, "Smith")], ["Jayden Smith"], []),
    ("Spoke to Kerry-Ann about the rota.", [(NAME, "Kerry-Ann")], ["Kerry-Ann O'Brien"], []),
    ("The case 2211-XB is on the list.", [(REF, "2211-XB")], ["2211-XB"], []),
]


def cases() -> list[Full]:
    plain = NAMES + REFERENCES + ADDRESSES + DATES_OF_BIRTH + NUMBERS + LOOK_ALIKES
    return [(t, w, [], ATTENDEES) for t, w in plain] + WITH_LISTS


def fresh_cases() -> list[Full]:
    return [(t, w, [], ATTENDEES) for t, w in FRESH]


def held_out_cases() -> list[Full]:
    return [(t, w, [], ATTENDEES) for t, w in HELD_OUT]


def evaluate_corpus(chosen: list[Full] | None = None) -> Scores:
    expected = flagged = correct = 0
    by_kind: dict[str, list[int]] = {}
    misses: list[tuple[str, str]] = []
    false_alarms: list[tuple[str, str]] = []
    for text, wanted, do_not_share, attendees in chosen if chosen is not None else cases():
        found = {
            (f.kind, f.text)
            for f in check_privacy(text, do_not_share=do_not_share, attendees=attendees)
        }
        # A do-not-share entry that is a reference is found as a name (from the list):
        # accept either kind for it.
        found = {
            (REF, t) if k is NAME and t in do_not_share and (REF, t) in wanted else (k, t)
            for k, t in found
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
