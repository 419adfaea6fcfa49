"""rearth: analyse news articles: language, leaders, countries, summits, commodities, defence figures, off-topic passages."""

__all__ = ["VERSION"]

VERSION = "0.1.0"
