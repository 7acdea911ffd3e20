"""The commitment workflow: 提诺 (start, draft, submit), 审诺 (review, revise), 示诺 (publish,
amend). One transaction per action; each locks the pledge row, checks the actor and the
transition (models.TRANSITIONS), and records an audit row. Every refusal is a
ValidationError whose message the user reads (Chinese first), or OutOfReach (a 404) for
anything outside the actor's subtree.
"""

# Later steps (履诺) change a published pledge's items under the same row lock.
from ._base import _locked as pledge_locked
from .drafting import item_add, item_remove, item_update
from .publishing import pledge_amend, pledge_publish, publication_record
from .reviewing import pledge_review, pledge_revise
from .starting import pledge_start
from .submitting import minimum_items, pledge_extend_deadline, pledge_submit, pledge_withdraw

__all__ = [
    "item_add", "item_remove", "item_update", "minimum_items", "pledge_amend",
    "pledge_extend_deadline", "pledge_locked", "pledge_publish", "pledge_review", "pledge_revise",
    "pledge_start", "pledge_submit", "pledge_withdraw", "publication_record",
]
