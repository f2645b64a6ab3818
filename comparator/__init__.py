"""comparator: what changed between successive ministerial statements."""


def one_line(error: BaseException | str) -> str:
    """The first line of an error's message (or its type's name): what a user is shown."""
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__
