"""Output contract: pydantic models for articles, facts, warnings and errors (schema de06.article/1)."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema

Zone = Literal["title", "body", "meta", "related", "chrome", "footer"]
RangeRole = Literal["start", "end"]


class FactBase(BaseModel):
    """Fields every fact carries: its span in the original decoded text and where it sits."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="Exactly original[start:end].")
    start: int = Field(ge=0, description="Start offset (characters) into the decoded original text.")
    end: int = Field(ge=0, description="End offset (exclusive) into the decoded original text.")
    zone: Zone = "body"
    sentence: int = Field(0, ge=0, description="Index of the sentence in the article (0-based).")
    score: float = Field(1.0, ge=0, le=1, description="Recognizer confidence.")
    rule: str = Field("", description="Name of the rule-pack pattern that produced the fact.")

    # Fields that identify the fact when scoring against gold (with the span).
    identity: ClassVar[tuple[str, ...]] = ()


class DateFact(FactBase):
    kind: Literal["date"] = "date"
    identity = ("value",)
    value: str = Field(
        description="ISO 8601 at the stated grain: 2023-05-23, 2025-06, 2025, 2024-Q3, "
        "2023-12-22T03:17; --MM-DD / --MM when no year can be fixed."
    )
    grain: Literal["datetime", "day", "month", "quarter", "year"]
    year_inferred: bool = False
    range: RangeRole | None = None
    modifier: str | None = Field(
        None, description="Part of the period: early/mid/end/until_end/first_half/..."
    )


Stance = Literal["target", "result", "forecast", "baseline"]


class FigureFact(FactBase):
    """A percent, ratio, money or quantity: what it claims and for which period (docs/stance.md)."""

    stance: Stance | None = Field(
        None, description="target, result, forecast or baseline; null when the text does not say."
    )
    stance_cue: str | None = Field(None, description="The words that gave the stance, as written.")
    period: int | None = Field(
        None,
        description="Start offset of the date fact the figure refers to; null when none in its sentence.",
    )
    period_value: str | None = Field(
        None, description="That date fact's ISO value ('start/end' for a stated range)."
    )


def whole_number(value: float) -> float:
    """A whole number as an int ("40/50" and a gold "18.0" write 40, 18); "40,8/50" keeps 40.8."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


# A term of a ratio: an int when whole, a float otherwise ("6,5/18", "40,8/50 điểm").
RatioTerm = Annotated[int | float, AfterValidator(whole_number), WithJsonSchema({"type": "number"})]


class RatioFact(FigureFact):
    kind: Literal["ratio"] = "ratio"
    identity = ("numerator", "denominator")
    numerator: RatioTerm = Field(description="An int when whole, else a float ('6,5/18' is 6.5).")
    denominator: RatioTerm = Field(description="An int when whole, else a float.")
    unit: str | None = Field(None, description="The counted noun phrase ('nhiệm vụ').")
    ranking: bool = Field(False, description="A rank 'xếp hạng 71/193' rather than a share.")


class PercentFact(FigureFact):
    kind: Literal["percent"] = "percent"
    identity = ("value",)
    value: float
    range: RangeRole | None = None
    qualifier: str | None = Field(None, description="Stated bound: 'tối thiểu', 'hơn', 'gần', ...")
    subject: str | None = Field(None, description="Noun phrase the percentage measures.")


class MoneyFact(FigureFact):
    kind: Literal["money"] = "money"
    identity = ("value", "currency")
    value: float = Field(description="Amount in units of the currency.")
    currency: str = Field(description="ISO 4217 code: VND, USD, EUR, ...")
    approx: bool = False
    qualifier: str | None = None
    range: RangeRole | None = None


class QuantityFact(FigureFact):
    kind: Literal["quantity"] = "quantity"
    identity = ("value",)
    value: float
    unit: str
    approx: bool = False
    qualifier: str | None = None
    range: RangeRole | None = None


class DocumentFact(FactBase):
    kind: Literal["document"] = "document"
    identity = ("doc_type", "number", "symbol")
    doc_type: str = Field(description="Canonical type name: 'Nghị quyết', 'Công văn', ...")
    number: str | None = Field(
        None, description="Number as written, leading zeros kept; null for a law cited by name and year."
    )
    name: str | None = Field(None, description="Name of a law cited by name and year: 'Đất đai'.")
    symbol: str | None = Field(None, description="'NQ/TW', 'TB-VPCP', '2023/NĐ-CP' or null.")
    year: int | None = None
    issuer: str | None = None
    issued: str | None = Field(None, description="ISO date from an adjacent 'ngày 23/5/2023'.")
    key: str = Field(
        description="Canonical identity, equal for every mention of the same document: "
        "'<type>:<number>[/<symbol>|-<party symbol>]' in lower-case ASCII, leading zeros dropped "
        "('nghi-quyet:57-nq/tw', 'nghi-dinh:13/2023/nd-cp', 'chi-thi:18'), '<type>:<name>/<year>' for a "
        "law cited by name and year ('luat:dat-dai/2024'); a mention without a symbol "
        "takes the key of the one fuller mention of the article it fits."
    )


class PersonFact(FactBase):
    kind: Literal["person"] = "person"
    identity = ("name",)
    name: str
    titles: list[str] = Field(default_factory=list)
    key: str = Field(description="Canonical identity: the normalised name.")


Fact = Annotated[
    DateFact | RatioFact | PercentFact | MoneyFact | QuantityFact | DocumentFact | PersonFact,
    Field(discriminator="kind"),
]
# The one list of fact kinds: every other list (pipeline, scoring, report, tests) derives from it.
FACT_MODELS: dict[str, type[FactBase]] = {
    m.model_fields["kind"].default: m for m in get_args(get_args(Fact)[0])
}
FACT_KINDS: tuple[str, ...] = tuple(FACT_MODELS)

# Every code a warning or an error record may carry (shown as an enum by `de06 schema`): add new
# ones here, with a comment.
WarningCode = Literal[
    "empty",  # the input holds no text, or whitespace only
    "nul_chars",  # NUL characters in the text (kept; offsets count them)
    "no_bom",  # UTF-16 read without a byte-order mark
    "invalid_utf8",  # broken UTF-8 sequences replaced by U+FFFD
    "guessed_encoding",  # a legacy encoding guessed by charset-normalizer
    "regex_timeout",  # a pattern timed out on the article: its matches are partial
    "malformed_date",  # a day followed by a run of digits ("6/112024")
    "invalid_date",  # a date that is not on the calendar ("31/4/2024")
    "document_date_malformed",  # the issue date after a document reference is not a calendar date
    "unknown_charset",  # an HTML page declares a charset Python does not know
    "charset_mismatch",  # an HTML page's declared charset does not fit its bytes
    "bad_published",  # a published value given with the input is not a date (ignored)
    "too_many_facts",  # a text dense with facts: only the first ones of a kind (or pattern) are kept
    "lone_surrogate",  # lone surrogates in a text given as a string, replaced by U+FFFD
]
ErrorCode = Literal[
    "not_found",  # the file does not exist (or vanished after listing)
    "read_error",  # the file could not be read
    "too_large",  # larger than --max-bytes
    "decode_error",  # no encoding reads the bytes
    "binary",  # binary content, not text
    "bad_record",  # a JSONL line that is not an article record
    "internal_error",  # a crash in the extractor (one recognizer, or the whole article)
    "no_main_text",  # an HTML page where no article text was found
    "not_regular",  # a FIFO, device or socket named like an input: not opened
    "worker_died",  # the worker process died on this input twice (e.g. killed by the OOM killer)
    "missing_dependency",  # the input needs an optional extra that is not installed (Parquet: pyarrow)
]


class Warning_(BaseModel):
    """Something the extractor noticed but did not turn into a fact (a malformed date, a timeout)."""

    model_config = ConfigDict(extra="forbid")

    code: WarningCode
    message: str
    start: int | None = None
    end: int | None = None
    text: str | None = None


class ErrorRecord(BaseModel):
    """Why an input could not be (fully) processed; the run goes on."""

    model_config = ConfigDict(extra="forbid")

    code: ErrorCode
    message: str


class Article(BaseModel):
    """One output line per input article."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    schema_: Literal["de06.article/1"] = Field("de06.article/1", alias="schema")
    id: str = Field(description="Stable content hash of the decoded text.")
    source: str = Field(description="Path as given (relative to the folder given) or '-'.")
    title: str | None = None
    published: str | None = Field(
        None,
        description="ISO 8601 date or date-time: the input's metadata, else the page's timestamp line, "
        "else a date in the path, else the run's --published (docs/articles.md).",
    )
    authors: list[str] = Field(default_factory=list)
    site: str | None = Field(None, description="HTML input: the site's name as the page gives it.")
    url: str | None = Field(None, description="HTML input: the page's canonical URL (never fetched).")
    encoding: str | None = Field(
        None,
        description="Encoding de06 decoded the article's bytes from (.txt, .md, stdin); null when the "
        "text came as a string (the Python API, the 'text' of a JSONL record).",
    )
    facts: list[Fact] = Field(default_factory=list)
    warnings: list[Warning_] = Field(default_factory=list)
    errors: list[ErrorRecord] = Field(default_factory=list)
    text: str | None = Field(
        None,
        description="The text the offsets point into, when it is not the input file's own text: "
        "for HTML input, the text extracted from the page (headline line, lead, main text).",
    )
