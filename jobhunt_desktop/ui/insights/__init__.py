"""View > Insights: the figures of the search, as charts and tables."""
