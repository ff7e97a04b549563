"""Settings: read from the environment once at start-up and passed explicitly from there on."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import msgspec


class SettingsError(ValueError):
    """An environment variable holds a value the service cannot use."""


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    # PostgreSQL: a URL for a managed server, or None for the embedded one under data_dir.
    database_url: str | None = None
    data_dir: Path = Path(".data")
    database_name: str = "agent_assist"
    pool_min_size: int = 2
    pool_max_size: int = 10

    host: str = "127.0.0.1"
    port: int = 8000
    # Largest request body accepted; larger ones get 413 before anything is decoded.
    max_body_bytes: int = 1_048_576
    # Region used to read phone numbers written without a country code.
    default_region: str = "US"

    livekit_url: str | None = None
    livekit_api_key: str | None = None
    livekit_api_secret: str | None = None
    listener_token_ttl_s: int = 600
    observer_agent_name: str = "agent-assist-observer"
    # Organization for rooms whose metadata names none (a single-tenant deployment's own LiveKit project).
    default_organization: str | None = None
    # Port of the observer's own health and Prometheus endpoint (0 picks a free one).
    observer_metrics_port: int = 9464
    # Rooms one observer process takes before LiveKit sends new rooms to other observer processes.
    observer_capacity: int = 500

    analyzer: str = "offline"
    # What the AI agent must say on every call, by name (domain.analysis.DISCLOSURES): a brief without one
    # carries a missing_disclosure flag. Empty: none is required.
    required_disclosures: tuple[str, ...] = ("recording",)
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    llm_timeout_s: float = 8.0
    # Upper bound of the model's answer; a brief in JSON is a few hundred tokens.
    llm_max_tokens: int = 1024

    # Secret that signs handoff-page links; unset means a per-data-dir secret (data_dir/link-secret), which
    # only processes sharing that directory agree on: production sets it.
    link_secret: str | None = None
    link_ttl_s: int = 900
    # Where transfer notices go (comma-separated URLs), the secret that signs them, and the public base
    # URL their brief links use (else the base URL of the request that started the transfer).
    notify_urls: tuple[str, ...] = ()
    notify_secret: str | None = None
    public_url: str | None = None

    @property
    def livekit_configured(self) -> bool:
        return bool(self.livekit_url and self.livekit_api_key and self.livekit_api_secret)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env

        def text(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        def number(name: str, default: int) -> int:
            raw = text(name)
            if raw is None:
                return default
            try:
                value = int(raw)
            except ValueError:
                raise SettingsError(f"{name} must be an integer, got {raw!r}") from None
            if value < 0:
                raise SettingsError(f"{name} must not be negative, got {value}")
            return value

        def decimal(name: str, default: float) -> float:
            raw = text(name)
            if raw is None:
                return default
            try:
                return float(raw)
            except ValueError:
                raise SettingsError(f"{name} must be a number, got {raw!r}") from None

        analyzer = text("AGENT_ASSIST_ANALYZER") or "offline"
        if analyzer not in ("offline", "llm", "hybrid"):
            raise SettingsError(f"AGENT_ASSIST_ANALYZER must be offline, llm or hybrid, got {analyzer!r}")
        disclosures = _names(text("AGENT_ASSIST_REQUIRED_DISCLOSURES") or "recording")
        unknown = [name for name in disclosures if name not in DISCLOSURE_NAMES]
        if unknown:
            raise SettingsError(
                f"AGENT_ASSIST_REQUIRED_DISCLOSURES: unknown {', '.join(map(repr, unknown))}; "
                f"use any of {', '.join(DISCLOSURE_NAMES)}, or none"
            )
        return cls(
            database_url=text("DATABASE_URL"),
            data_dir=Path(text("AGENT_ASSIST_DATA_DIR") or ".data"),
            pool_min_size=number("AGENT_ASSIST_POOL_MIN", 2),
            pool_max_size=number("AGENT_ASSIST_POOL_MAX", 10),
            host=text("HOST") or "127.0.0.1",
            port=number("PORT", 8000),
            max_body_bytes=number("AGENT_ASSIST_MAX_BODY_BYTES", 1_048_576),
            default_region=(text("AGENT_ASSIST_DEFAULT_REGION") or "US").upper(),
            livekit_url=text("LIVEKIT_URL"),
            livekit_api_key=text("LIVEKIT_API_KEY"),
            livekit_api_secret=text("LIVEKIT_API_SECRET"),
            listener_token_ttl_s=number("AGENT_ASSIST_LISTENER_TOKEN_TTL_S", 600),
            observer_agent_name=text("AGENT_ASSIST_OBSERVER_NAME") or "agent-assist-observer",
            default_organization=text("AGENT_ASSIST_DEFAULT_ORGANIZATION"),
            observer_metrics_port=number("AGENT_ASSIST_OBSERVER_METRICS_PORT", 9464),
            observer_capacity=number("AGENT_ASSIST_OBSERVER_CAPACITY", 500),
            analyzer=analyzer,
            required_disclosures=disclosures,
            llm_base_url=text("AGENT_ASSIST_LLM_BASE_URL"),
            llm_model=text("AGENT_ASSIST_LLM_MODEL"),
            llm_api_key=text("AGENT_ASSIST_LLM_API_KEY"),
            llm_timeout_s=decimal("AGENT_ASSIST_LLM_TIMEOUT_S", 8.0),
            llm_max_tokens=number("AGENT_ASSIST_LLM_MAX_TOKENS", 1024),
            link_secret=text("AGENT_ASSIST_LINK_SECRET"),
            link_ttl_s=number("AGENT_ASSIST_LINK_TTL_S", 900),
            notify_urls=tuple(
                u.strip() for u in (text("AGENT_ASSIST_NOTIFY_URLS") or "").split(",") if u.strip()
            ),
            notify_secret=text("AGENT_ASSIST_NOTIFY_SECRET"),
            public_url=(text("AGENT_ASSIST_PUBLIC_URL") or "").rstrip("/") or None,
        )


# The names AGENT_ASSIST_REQUIRED_DISCLOSURES accepts (the keys of domain.analysis.DISCLOSURES, which a test
# keeps equal: settings do not import the analyzer).
DISCLOSURE_NAMES: tuple[str, ...] = ("recording", "ai", "debt_collection")


def _names(raw: str) -> tuple[str, ...]:
    """A comma-separated list of names, lower-cased, each once, in order; "none" alone is the empty list."""
    names = tuple(dict.fromkeys(part.strip().lower() for part in raw.split(",") if part.strip()))
    return () if names == ("none",) else names
