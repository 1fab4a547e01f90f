"""Models of survey data: waves, imports, questionnaires, comments, answer counts, published
results and mapping profiles.

Respondent rows (`responses`) are kept as the record of what was imported; the dashboard reads
the answer-count tables, whose size depends on units × fields × items, not on questionnaires.
Every stored row belongs to an import batch, so an import can be rolled back exactly.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    false,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from sipas.method.batch import EXTERNAL_ID_LENGTH
from sipas.storage.models.base import Base, utc_now


class Wave(Base):
    """One survey round (đợt khảo sát), identified by a short code such as "2024"."""

    __tablename__ = "waves"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Unique among active waves (index uq_waves_active_code, migration 0003).
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    year: Mapped[int] = mapped_column(Integer)
    method_code: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(20))
    period_start: Mapped[dt.date | None] = mapped_column(Date)
    period_end: Mapped[dt.date | None] = mapped_column(Date)
    # The method's item codes when the wave was created, in the order of `responses.answers`.
    item_codes: Mapped[str] = mapped_column(Text)
    weighting: Mapped[str | None] = mapped_column(String(20))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=utc_now, server_default=func.now()
    )
    # Import history (migration 0003): a wave created by an import is withdrawn, not deleted,
    # when that import is rolled back, so its code is free again and its history stays.
    status: Mapped[str] = mapped_column(String(20), default="active", server_default="active")
    created_by_import: Mapped[int | None] = mapped_column(Integer)
    # What the survey was (migration 0012): official, supplementary, pilot or partial; only
    # official waves are the baseline of "change since" and "gain K places".
    survey_type: Mapped[str] = mapped_column(
        String(20), default="official", server_default="official"
    )

    __table_args__ = (
        Index(
            "uq_waves_active_code",
            "code",
            unique=True,
            sqlite_where=text("status = 'active'"),
            postgresql_where=text("status = 'active'"),
        ),
    )


class ImportBatch(Base):
    """One import of a file (or of the demo data) into a wave."""

    __tablename__ = "imports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("waves.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    file_name: Mapped[str] = mapped_column(String(300))
    file_hash: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(20), default="active")
    rows_total: Mapped[int] = mapped_column(Integer, default=0)
    rows_accepted: Mapped[int] = mapped_column(Integer, default=0)
    rows_rejected: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=utc_now, server_default=func.now()
    )
    note: Mapped[str] = mapped_column(Text, default="")
    # Import history (migration 0003). status: active, superseded (by a replacing import),
    # rolled_back. mode: add (to the wave's data) or replace (supersedes the active imports).
    mode: Mapped[str] = mapped_column(String(20), default="add", server_default="add")
    sheet: Mapped[str] = mapped_column(String(200), default="", server_default="")
    valid_rows_only: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    superseded_by: Mapped[int | None] = mapped_column(Integer)
    rolled_back_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    rolled_back_by: Mapped[str] = mapped_column(String(100), default="", server_default="")
    mapping: Mapped[str] = mapped_column(Text, default="", server_default="")

    __table_args__ = (Index("ix_imports_status", "status"),)


class Response(Base):
    """One questionnaire (phiếu). `answers` holds one character per item of the wave's
    `item_codes`: "1"–"5", or "." for no answer."""

    __tablename__ = "responses"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("imports.id"), index=True)
    # No foreign keys on wave, unit and field (migration 0010): PostgreSQL checks them row by
    # row, which took more than half of a 100,000-row import. The import resolves units and
    # fields against their tables in the same transaction, the wave comes from the import,
    # and the counts the app reads keep every foreign key.
    wave_id: Mapped[int] = mapped_column(Integer)
    unit_id: Mapped[int] = mapped_column(Integer)
    field_code: Mapped[str] = mapped_column(String(32))
    row_no: Mapped[int | None] = mapped_column(Integer)
    external_id: Mapped[str | None] = mapped_column(String(EXTERNAL_ID_LENGTH))
    procedure: Mapped[str | None] = mapped_column(Text)
    survey_date: Mapped[dt.date | None] = mapped_column(Date)
    channel: Mapped[str | None] = mapped_column(String(32))
    respondent_type: Mapped[str | None] = mapped_column(String(32))
    gender: Mapped[str | None] = mapped_column(String(32))
    age_group: Mapped[str | None] = mapped_column(String(32))
    answers: Mapped[str] = mapped_column(String(128))


class Comment(Base):
    """A citizen's free-text comment, kept apart from responses so that reading comments
    never scans questionnaires."""

    __tablename__ = "comments"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("imports.id"), index=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("waves.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    field_code: Mapped[str] = mapped_column(ForeignKey("fields.code"))
    channel: Mapped[str | None] = mapped_column(String(32))
    survey_date: Mapped[dt.date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    # Leader dashboard (migration 0006): the text without diacritics or punctuation, padded with
    # spaces (sipas.textnorm.search_key), so SQL finds words portably on SQLite and PostgreSQL.
    text_key: Mapped[str | None] = mapped_column(Text)

    # ix_comments_wave_date (migration 0011) serves the comments page, newest first: a page of
    # 20 reads about 20 rows. PostgreSQL gets it as (wave_id, survey_date DESC NULLS LAST, id
    # DESC), the order the page asks for; SQLite walks this one backwards.
    __table_args__ = (
        Index("ix_comments_wave_unit", "wave_id", "unit_id"),
        Index("ix_comments_wave_date", "wave_id", "survey_date", "id"),
    )


class AnswerCount(Base):
    """How many answers of each value (n1 … n5) an item got, per import × unit × field, once
    in total (attribute "") and once per value of each respondent attribute."""

    __tablename__ = "answer_counts"
    import_id: Mapped[int] = mapped_column(ForeignKey("imports.id"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    field_code: Mapped[str] = mapped_column(ForeignKey("fields.code"), primary_key=True)
    attribute: Mapped[str] = mapped_column(String(32), primary_key=True)
    attribute_value: Mapped[str] = mapped_column(String(32), primary_key=True)
    item_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("waves.id"))
    n1: Mapped[int] = mapped_column(Integer)
    n2: Mapped[int] = mapped_column(Integer)
    n3: Mapped[int] = mapped_column(Integer)
    n4: Mapped[int] = mapped_column(Integer)
    n5: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_answer_counts_wave_attribute", "wave_id", "attribute"),)


class RespondentCount(Base):
    """How many questionnaires with at least one valid answer, in the same slices."""

    __tablename__ = "respondent_counts"
    import_id: Mapped[int] = mapped_column(ForeignKey("imports.id"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    field_code: Mapped[str] = mapped_column(ForeignKey("fields.code"), primary_key=True)
    attribute: Mapped[str] = mapped_column(String(32), primary_key=True)
    attribute_value: Mapped[str] = mapped_column(String(32), primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("waves.id"))
    respondents: Mapped[int] = mapped_column(Integer)
    # Σ q_i and Σ q_i² of the questionnaires' satisfied scores (sipas.method.design, migration
    # 0013): the design-based interval of SIPAS; NULL for imports made before.
    score_sum: Mapped[float | None] = mapped_column(Float)
    score_sumsq: Mapped[float | None] = mapped_column(Float)

    __table_args__ = (Index("ix_respondent_counts_wave_attribute", "wave_id", "attribute"),)


class WaveAnswerCount(Base):
    """The answer counts of a wave's active imports added up: what the dashboard reads. Kept
    equal to the sum over `answer_counts` by every change of which imports count (store,
    replace, rollback), so a page reads units × fields × items × 5 numbers per attribute
    value however many questionnaires and imports the wave holds."""

    __tablename__ = "wave_answer_counts"
    wave_id: Mapped[int] = mapped_column(ForeignKey("waves.id"), primary_key=True)
    attribute: Mapped[str] = mapped_column(String(32), primary_key=True)
    attribute_value: Mapped[str] = mapped_column(String(32), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    field_code: Mapped[str] = mapped_column(ForeignKey("fields.code"), primary_key=True)
    item_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    n1: Mapped[int] = mapped_column(BigInteger)
    n2: Mapped[int] = mapped_column(BigInteger)
    n3: Mapped[int] = mapped_column(BigInteger)
    n4: Mapped[int] = mapped_column(BigInteger)
    n5: Mapped[int] = mapped_column(BigInteger)


class WaveRespondentCount(Base):
    """Questionnaires with at least one valid answer, added up over a wave's active imports."""

    __tablename__ = "wave_respondent_counts"
    wave_id: Mapped[int] = mapped_column(ForeignKey("waves.id"), primary_key=True)
    attribute: Mapped[str] = mapped_column(String(32), primary_key=True)
    attribute_value: Mapped[str] = mapped_column(String(32), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    field_code: Mapped[str] = mapped_column(ForeignKey("fields.code"), primary_key=True)
    respondents: Mapped[int] = mapped_column(BigInteger)
    score_sum: Mapped[float | None] = mapped_column(Float)
    score_sumsq: Mapped[float | None] = mapped_column(Float)


class MeasureMoment(Base):
    """n, Σ q_i and Σ q_i² of the questionnaires' satisfied shares per import × slice ×
    measure (SIPAS "sipas", a pillar's or an element's code; sipas.method.design, migration
    0017): the design-based intervals of pillars and elements. n counts the questionnaires
    that answered one of the measure's items."""

    __tablename__ = "measure_moments"
    import_id: Mapped[int] = mapped_column(ForeignKey("imports.id"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    field_code: Mapped[str] = mapped_column(ForeignKey("fields.code"), primary_key=True)
    attribute: Mapped[str] = mapped_column(String(32), primary_key=True)
    attribute_value: Mapped[str] = mapped_column(String(32), primary_key=True)
    measure_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("waves.id"))
    respondents: Mapped[int] = mapped_column(Integer)
    score_sum: Mapped[float] = mapped_column(Float)
    score_sumsq: Mapped[float] = mapped_column(Float)

    __table_args__ = (Index("ix_measure_moments_wave_attribute", "wave_id", "attribute"),)


class WaveMeasureMoment(Base):
    """The measure moments of a wave's active imports added up, kept like the wave's
    respondent counts (surveydata.refresh_wave_totals)."""

    __tablename__ = "wave_measure_moments"
    wave_id: Mapped[int] = mapped_column(ForeignKey("waves.id"), primary_key=True)
    attribute: Mapped[str] = mapped_column(String(32), primary_key=True)
    attribute_value: Mapped[str] = mapped_column(String(32), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    field_code: Mapped[str] = mapped_column(ForeignKey("fields.code"), primary_key=True)
    measure_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    respondents: Mapped[int] = mapped_column(BigInteger)
    score_sum: Mapped[float] = mapped_column(Float)
    score_sumsq: Mapped[float] = mapped_column(Float)


class WaveCommentCount(Base):
    """How many comments a wave's active imports hold per unit, field and channel ("" when
    none was given): in all (theme "") and per comment theme. Kept like the wave's answer
    counts, so the comments page counts from units × fields × channels × themes numbers,
    however many comments there are."""

    __tablename__ = "wave_comment_counts"
    wave_id: Mapped[int] = mapped_column(ForeignKey("waves.id"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    field_code: Mapped[str] = mapped_column(ForeignKey("fields.code"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(32), primary_key=True)
    theme: Mapped[str] = mapped_column(String(32), primary_key=True)
    comments: Mapped[int] = mapped_column(BigInteger)


class WaveCommentThemes(Base):
    """Which theme keywords a wave's comment counts were made with (comment_themes.themes_key):
    counts made with other keywords are not read."""

    __tablename__ = "wave_comment_themes"
    wave_id: Mapped[int] = mapped_column(ForeignKey("waves.id"), primary_key=True)
    themes_key: Mapped[str] = mapped_column(String(64))


class PublishedResult(Base):
    """One published index of an aggregate wave (a results table without questionnaires):
    a unit's SIPAS, or its value for one field and/or one element, in percent 0–100, with the
    published n and rank when the table gives them."""

    __tablename__ = "published_results"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("imports.id"), index=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("waves.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    field_code: Mapped[str | None] = mapped_column(ForeignKey("fields.code"))
    element_code: Mapped[str | None] = mapped_column(String(32))
    index_value: Mapped[float] = mapped_column(Float)
    n: Mapped[int | None] = mapped_column(Integer)
    published_rank: Mapped[int | None] = mapped_column(Integer)
    change_text: Mapped[str | None] = mapped_column(String(100))
    row_no: Mapped[int | None] = mapped_column(Integer)


class ImportProfile(Base):
    """A named column mapping (normalised header → target column) and field-text mapping,
    saved by staff so that the next file of the same shape imports without corrections."""

    __tablename__ = "import_profiles"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    columns: Mapped[str] = mapped_column(Text)
    field_map: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
