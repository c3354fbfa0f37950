// Placeholder: the scanner is being built (issue 4).
