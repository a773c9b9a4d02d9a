"""Marketplace use cases, one module per concept; import from the module, not the package."""
