"""Campaigns: one SMS to many numbers, each sent exactly once, across crashes.

    import hoiio
    from hoiio.campaign import Campaign

    with hoiio.Client(prefix="65") as client:
        with open("numbers.txt") as lines:
            campaign = Campaign.create(client, "campaign.db", "School is closed today.", lines, budget=500)
        print(campaign.run())                                  # the summary

    # after a crash, a kill or a top-up: the same journal
    with hoiio.Client() as client, Campaign.open(client, "campaign.db") as campaign:
        print(campaign.run())

The numbers are read once, streamed, checked and cut into chunks of ``sms.bulk_send``'s limit
(1000) in a journal (SQLite): each chunk's numbers, its own tag, its state. A chunk is written
``sending`` before its request leaves; a chunk found ``sending`` or ``unknown`` (a crash, a lost
answer) is looked up in the SMS history by its tag before anything is sent again, and only a
chunk proven absent is sent again (with a new tag). See docs/guides/large-volumes.md for the
guarantees and their limits. From the command line: ``hoiio campaign send|status|resume``.

Many machines: ``hoiio.campaign.distributed`` (the ``campaign-distributed`` extra: Celery,
Redis, PostgreSQL), never imported by this module.
"""

from __future__ import annotations

from .core import (
    BudgetExceededError,
    Campaign,
    CampaignError,
    Conclusion,
    Summary,
    audit,
    calling_code,
    chunk_tag,
    plan,
    reconcile,
    send_chunk,
    status,
)
from .journal import Chunk, JournalError, SQLiteJournal

__all__ = [
    "Campaign", "Summary", "CampaignError", "BudgetExceededError", "Conclusion", "Chunk", "JournalError", "SQLiteJournal",
    "audit", "calling_code", "chunk_tag", "plan", "reconcile", "send_chunk", "status",
]  # fmt: skip
