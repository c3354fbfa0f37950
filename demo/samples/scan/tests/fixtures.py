# a fake key for a parser test
FAKE = "AKIA3HO7KECA22AI4ODP"  # credkit:allow
