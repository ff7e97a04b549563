"""Adapters: PostgreSQL, LiveKit and LLM implementations of the domain's ports, and settings."""
