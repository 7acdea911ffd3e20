"""Notices (通报) and rectification orders (限期整改): one transaction per action, each
checking the actor through notices.access and the order's state through
models.TRANSITIONS, with an audit row; what the public sees goes to the ledger. A refusal
is a ValidationError the user reads, or OutOfReach (a 404) outside the actor's reach.
"""

from .issuing import notice_issue, notice_withdraw
from .overdue import rectifications_overdue
from .rectifying import rectification_accept, rectification_answer, rectification_return

__all__ = ["notice_issue", "notice_withdraw", "rectification_accept", "rectification_answer",
           "rectification_return", "rectifications_overdue"]
