"""Data quality checks on the warehouse: reviewed Great Expectations suites run in PostgreSQL."""
