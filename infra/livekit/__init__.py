"""LiveKit adapters: listen-only tokens, agent dispatch, webhook verification."""
