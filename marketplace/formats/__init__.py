"""Date formats for the one language the product speaks (FORMAT_MODULE_PATH in settings)."""
