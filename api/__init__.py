"""The HTTP entry point: Litestar app, routes, auth guard, metrics, and the operator CLI."""
