"""Storage of the commerce server: WCS-shaped tables (SQLAlchemy 2 Core on one shared metadata), their
repositories, the unit of work, the seed and the CSV bulk load. SQLite by default, PostgreSQL by URL."""
