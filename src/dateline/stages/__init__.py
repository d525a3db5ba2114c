"""The stages of the article pipeline, in order: load → clean → parse → people → quotes →
times → events → summary. Each module defines ``STAGE`` (see ``dateline.pipeline.Stage``)."""
