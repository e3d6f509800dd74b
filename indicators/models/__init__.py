"""The indicators app's models: the catalogue, targets and actuals (`targets.py`),
comparative performance (`comparators.py`), the agreement's highlight report
(`highlight.py`), the data cycle (`returns.py`), the
shared National Indicator Set (`national.py`) and large workbooks' background checks and
imports (`imports.py`).

Django and the rest of the code import them from here; the migrations name
`indicators.models.validate_period_label`, so it stays importable from here too.
"""

from indicators.models.comparators import (
    ComparatorImport,
    ComparatorValue,
    FamilyGroup,
    FamilyGroupQuerySet,
)
from indicators.models.highlight import AgreementHighlight, BlockHighlight, Colour
from indicators.models.imports import ImportRun
from indicators.models.national import NationalIndicator, NationalIndicatorQuerySet
from indicators.models.returns import ActualRevision, DataReturn, FrozenRating
from indicators.models.targets import (
    Actual,
    HighlightOverride,
    Indicator,
    Target,
    TargetQuerySet,
    TargetValue,
    code_order,
    validate_period_label,
)

__all__ = [
    "Actual",
    "ActualRevision",
    "AgreementHighlight",
    "BlockHighlight",
    "Colour",
    "ComparatorImport",
    "ComparatorValue",
    "DataReturn",
    "FamilyGroup",
    "FamilyGroupQuerySet",
    "FrozenRating",
    "HighlightOverride",
    "ImportRun",
    "Indicator",
    "NationalIndicator",
    "NationalIndicatorQuerySet",
    "Target",
    "TargetQuerySet",
    "TargetValue",
    "code_order",
    "validate_period_label",
]
