"""Column names and code lists shared by every module: defined once, used everywhere."""

from __future__ import annotations

from typing import Final

# Dimensions of a slice.
WAVE: Final = "wave"
UNIT: Final = "unit"
FIELD: Final = "field"
CHANNEL: Final = "channel"
RESPONDENT_TYPE: Final = "respondent_type"
GENDER: Final = "gender"
AGE_GROUP: Final = "age_group"
ATTRIBUTES: Final = (CHANNEL, RESPONDENT_TYPE, GENDER, AGE_GROUP)

# Answer counts: one row per slice × item, one column per answer value (n1 … n5).
ITEM: Final = "item"
VALUE: Final = "value"
COUNT_COLUMNS: Final = ("n1", "n2", "n3", "n4", "n5")
RESPONDENTS: Final = "respondents"

# Attribute cube: counts are kept per attribute separately; NO_ATTRIBUTE marks the totals.
ATTRIBUTE: Final = "attribute"
ATTRIBUTE_VALUE: Final = "attribute_value"
NO_ATTRIBUTE: Final = ""

# Index results.
N: Final = "n"
SATISFIED: Final = "satisfied"
INDEX: Final = "index"
LOW: Final = "low"
HIGH: Final = "high"
MEAN_SCORE: Final = "mean_score"
SIPAS: Final = "sipas"
SIPAS_LOW: Final = "sipas_low"
SIPAS_HIGH: Final = "sipas_high"
ELEMENT: Final = "element"
PILLAR: Final = "pillar"

# A row's display name (unit, field, element …) and its status against its target.
LABEL: Final = "label"
TARGET_STATUS: Final = "status"  # a value's status against its target (targets.status)

# Display columns: numbers written as text once, so every renderer (browser, vl-convert, files)
# shows them the same way.
VALUE_TEXT: Final = "value_text"
INTERVAL_TEXT: Final = "interval_text"
N_TEXT: Final = "n_text"
STATUS_TEXT: Final = "status_text"
TARGET_TEXT: Final = "target_text"
MARK_TEXT: Final = "mark_text"
LABEL_X: Final = "label_x"

TEXT_COLUMNS: Final = [VALUE_TEXT, INTERVAL_TEXT, N_TEXT, STATUS_TEXT, TARGET_TEXT]

# Answer scale of satisfaction items (QĐ 2640 and QĐ 1001).
ANSWER_VALUES: Final = (1, 2, 3, 4, 5)

# Rankings: a competition rank (1, 2, 2, 4) among OF units ranked.
RANK: Final = "rank"
OF: Final = "of"
PREVIOUS_RANK: Final = "previous_rank"
RANK_CHANGE: Final = "rank_change"  # places gained since the previous wave, positive is better
TIED: Final = "tied"  # not told apart from the unit ranked just above
# Per slice of questionnaires: Σ q_i and Σ q_i² of their satisfied scores (sipas.method.design).
SCORE_SUM: Final = "score_sum"
SCORE_SUMSQ: Final = "score_sumsq"
# The measure a row of moments is for: SIPAS ("sipas"), a pillar's or an element's code.
MEASURE_CODE: Final = "measure_code"
# SIPAS of a unit with no answer at all on one of the method's pillars: flagged, not ranked.
PILLAR_MISSING: Final = "pillar_missing"
SMALL_SAMPLE: Final = "small_sample"  # fewer valid answers than method.stats.SMALL_SAMPLE_N

# Published result tables (aggregate waves): one row per unit (× field × element), percent
# 0–100 in INDEX, the published rank and change as given, and the row of the file.
CHANGE: Final = "change"
ROW_NO: Final = "row_no"
PUBLISHED_COLUMNS: Final = (UNIT, FIELD, ELEMENT, INDEX, N, RANK, CHANGE)
# Beside them when read back: the row is a province's own (total) value, not one of its units.
PUBLISHED_TOTAL: Final = "is_total"

# Unit levels, from the top down. "commune" covers xã, phường, thị trấn and đặc khu; "agency"
# the vertical agencies at the province (Công an tỉnh, Bảo hiểm xã hội, Thuế, Kho bạc, …).
PROVINCE: Final = "province"
DISTRICT: Final = "district"
DEPARTMENT: Final = "department"
AGENCY: Final = "agency"
COMMUNE: Final = "commune"
UNIT_LEVELS: Final = (PROVINCE, DISTRICT, DEPARTMENT, AGENCY, COMMUNE)
# The first day of the 2025 map (NQ 202/2025/QH15, NQ 203/2025/QH15) and the last of the old.
REFORM_DAY: Final = "2025-07-01"
LEGACY_LAST_DAY: Final = "2025-06-30"

# Kinds of waves and imports.
# What a survey wave was: only official waves are compared with ("previous wave").
OFFICIAL: Final = "official"
SURVEY_TYPES: Final = (OFFICIAL, "supplementary", "pilot", "partial")
# A wave holding a published national table (Bộ Nội vụ's SIPAS per province): imported with
# `import --national`, never one of the province's own surveys, so list_waves leaves it out
# and no survey is retyped into or out of it.
NATIONAL: Final = "national"
PROVINCES_2025: Final = 34  # provinces of the map from 1/7/2025 (63 before)
RESPONDENT_KIND: Final = "respondents"
AGGREGATE_KIND: Final = "aggregate"

OTHER_FIELD: Final = "khac"
