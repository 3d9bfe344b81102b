"""Database tables and engine setup."""
