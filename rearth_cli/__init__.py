"""rearth: analyse news articles: language, leaders, countries, summits, commodities, defence figures, off-topic passages."""

__all__ = ["OFFTOPIC_THRESHOLD", "VERSION"]

VERSION = "0.1.0"

# Paragraphs scoring this much or more are flagged. It sits between the highest score of a clean paragraph (0.58) and
# the lowest of a spliced one from another beat (0.64) on the development set; clean analyses that take up a new
# aspect in every paragraph reach the high 0.5s, so a lower default flags real articles.
OFFTOPIC_THRESHOLD = 0.55
