"""Every read and write: sources, metadata, crosswalks, the parse cache, outputs, versions."""
