"""The LiveKit observer worker: a hidden, listen-only participant that records what is said in each call."""
