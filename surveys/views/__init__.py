"""The questionnaires\x27 pages, split by what the user is doing."""
