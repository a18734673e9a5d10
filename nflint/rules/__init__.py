"""Rules: the registry (`registry`), the core ids (`core`), the base of a
semantic rule (`_base`) and one module per semantic rule (`nfNNN_<name>`)."""
