"""Marketplace reads, one module per concept; import from the module, not the package."""
