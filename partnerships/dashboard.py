"""The home dashboard asks each app for its panels; this is the shape they answer in."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Panel:
    """One box on a person's dashboard (e.g. "Data due", "My actions")."""

    title: str
    template: str
    context: dict[str, object] = field(default_factory=dict)
    order: int = 50
