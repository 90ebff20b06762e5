"""reportsearch indexer: read performance reports, recover their structure, index and query them."""
