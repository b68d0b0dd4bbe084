"""The closed sets of the data, each declared once: the event classes, the state and the CLI's choices use them.

This module imports only `typing`, so that the command line's fast path can name them.
"""

from typing import Literal

__all__ = [
    "AgreementKind",
    "ClaimantKind",
    "DateBasis",
    "DepartureKind",
    "Headcount",
    "MemberStatus",
    "MoneyKind",
    "ReportStatus",
    "SeatStatus",
    "SourceKind",
    "Stance",
    "Standing",
    "ValuationBasis",
    "Via",
]

# What an event's date is: the day it happened, was announced, or was first reported; or the day it
# was to happen, as announced in advance (a last day given weeks before), when no later source confirms it.
DateBasis = Literal["occurred", "announced", "reported", "scheduled"]
SourceKind = Literal["primary", "report"]
Via = Literal["copy", "rewrite", "relay"]
DepartureKind = Literal["resigned", "dismissed", "unknown"]
Standing = Literal["co-founder", "founding-member", "staff"]
ValuationBasis = Literal["pre-money", "post-money", "unspecified"]
ClaimantKind = Literal["journalist", "publication", "anonymous-source", "company", "subject"]
Stance = Literal["allegation", "characterisation", "response", "denial"]
AgreementKind = Literal["compute", "cloud", "partnership", "acquisition-talks"]
ReportStatus = Literal["in-talks", "stalled", "valuation-reported"]
Headcount = Literal["staff", "departures", "hires"]
# A member is surely there, may not have joined yet (a start range covers the day), or may have left.
MemberStatus = Literal["current", "possibly-joined", "possibly-left"]
# A one-holder seat on a day: someone holds it, a source says it is vacant, or nothing is recorded.
SeatStatus = Literal["held", "vacant", "not-recorded"]
# Money a company took: a priced round, or a strategic investment outside one.
MoneyKind = Literal["round", "investment"]
