"""Reading the news where it is: pages and feeds fetched from the web, kept current."""
