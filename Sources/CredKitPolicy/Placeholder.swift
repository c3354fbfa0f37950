// Placeholder: the password-policy module is being built (issue 6).
