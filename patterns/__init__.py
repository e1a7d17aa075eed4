"""The rule packs (`*.toml`, data only), shipped inside the package as `de06_extract.patterns`."""
