"""Small checks that tests across the apps share."""


def chinese(error) -> bool:
    """Whether a refusal reads in Chinese (any CJK character in its messages)."""
    return any("\u4e00" <= char <= "\u9fff" for char in " ".join(error.messages))
