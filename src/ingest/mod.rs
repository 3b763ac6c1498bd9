//! Reading input files: register (own CSV/TOML, GIAS), support, inspections, scores.
