// Placeholder: the AWS module is being built (issue 5).
